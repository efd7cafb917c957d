"""coursekit.sphinxext.kernels, in-process: the build's kernel managers provision CurveZMQ keys."""
from __future__ import annotations

import pytest
import zmq
from jupyter_client.manager import AsyncKernelManager, KernelManager

from coursekit.sphinxext.kernels import encrypt_kernel_connections


@pytest.fixture
def policy_default():
    """Restore jupyter_client's default after the test (the hook changes it for the whole process)."""
    trait = KernelManager.class_traits()["transport_encryption"]
    saved = trait.default_value
    yield trait
    trait.default_value = saved


@pytest.mark.skipif(not zmq.has("curve"), reason="libzmq without CurveZMQ support")
def test_config_inited_turns_on_encryption_for_kernels_that_support_it(policy_default):
    assert KernelManager().transport_encryption == "disabled"   # jupyter_client's default: no keys
    encrypt_kernel_connections(None, None)
    assert KernelManager().transport_encryption == "auto"
    assert AsyncKernelManager().transport_encryption == "auto"   # what nbclient starts kernels with


def test_an_explicit_policy_is_left_alone(policy_default):
    policy_default.default_value = "required"
    encrypt_kernel_connections(None, None)
    assert policy_default.default_value == "required"
