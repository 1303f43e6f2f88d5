"""Search support shared by ingest and the web: passages and their stored embeddings."""
