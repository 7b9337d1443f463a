"""The reads the pages need: the front page, lists, comment threads, side boxes, the section
tree and the desk's figures; each in a fixed number of queries, never writing."""
