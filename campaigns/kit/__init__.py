"""The digital kit: the downloads page, the ZIP per kit version, the download counts."""
