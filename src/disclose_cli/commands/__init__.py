"""One module per command (or per small family of commands); each imports heavy libraries only when it runs."""
