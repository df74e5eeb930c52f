"""Demonstration data: the fictional country Veridia (``veridia``) and a large synthetic data set
for benchmarks (``scale``). Both are loaded by ``wpsmonitor demo``."""
