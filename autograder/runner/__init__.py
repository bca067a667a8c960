"""The untrusted side: worker processes that import and call student code, forked one per
question by a sandboxed fork server (`forkserver`, driven by `host`), and the judge's proxy to
them (`proxy`).

Only plain data crosses the boundary (JSON and `.npy`, loaded with `allow_pickle=False`);
objects that are not plain data stay in the worker and are referred to by handle.
"""
