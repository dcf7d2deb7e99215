"""conflictkg: Arabic conflict news in, an RDF knowledge graph out."""
__version__ = "0.1.0"
