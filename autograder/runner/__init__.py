"""The untrusted side: a child process that imports and calls student code, and the judge's proxy to it.

Only plain data crosses the boundary (JSON and `.npy`, loaded with `allow_pickle=False`);
objects that are not plain data stay in the child and are referred to by handle.
"""
