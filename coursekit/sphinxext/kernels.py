"""Encrypted kernel connections while the book executes its notebooks.

ipykernel (7.x) logs "Kernel is running over TCP without encryption" each time it starts on TCP without
CurveZMQ keys: once per executed notebook, into the build log. The keys are the kernel manager's to hand
out, and jupyter_client (8.10+) does so when its ``transport_encryption`` policy is "auto" and the
kernelspec declares ``supported_encryption: curve`` (ipykernel's does). But the policy defaults to
"disabled", and myst-nb starts kernels through jupyter-cache and nbclient with no way to configure the
manager. So the build sets that default to "auto": every kernel that supports encryption gets its keys
(the warning's cause is gone, not hidden), and a kernel that does not starts exactly as before. Only
this build process is affected: it is set when Sphinx reads the configuration, before any notebook runs.
"""
from __future__ import annotations

from sphinx.application import Sphinx


def encrypt_kernel_connections(app: Sphinx, config) -> None:
    try:
        import zmq
        from jupyter_client.manager import KernelManager
    except ImportError:  # no notebook execution in this environment
        return
    if not zmq.has("curve"):  # libzmq without libsodium: no keys to hand out, kernels start as before
        return
    trait = KernelManager.class_traits().get("transport_encryption")
    if trait is not None and trait.default_value == "disabled":
        trait.default_value = "auto"
