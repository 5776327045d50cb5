"""Bringing publications in from BibTeX, OpenAlex and the text of old CVs (`assemble import`)."""
