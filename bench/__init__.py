"""Benchmarks of conflictkg on the real ANT corpus; ``python -m bench.run_all`` runs them all."""
