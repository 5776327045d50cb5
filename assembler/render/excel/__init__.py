"""Writing Excel workbooks: typed cells, template filling, print layout."""
