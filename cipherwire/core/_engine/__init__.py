"""How the core's kernels run: cache-sized chunks, threads, and the fused Numba loops."""
