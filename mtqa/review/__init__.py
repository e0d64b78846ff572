"""``mtqa review``: a local web page where copy editors accept, reject or edit each suggestion."""
