"""Does only plain data cross the process boundary, and does it arrive intact?"""
import io
import struct

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from autograder.runner import codec

plain = st.recursive(
    st.none() | st.booleans() | st.integers(-2**53, 2**53) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    | st.lists(children, max_size=3).map(tuple),
    max_leaves=20,
)


@given(plain)
def test_plain_values_round_trip(value):
    assert codec.decode(codec.encode(value)[8:]) == value


@settings(max_examples=30)
@given(hnp.arrays(st.sampled_from([np.float32, np.float64, np.int64, np.bool_]), hnp.array_shapes(min_dims=0, max_dims=3)))
def test_arrays_round_trip_with_dtype_and_shape(array):
    back = codec.decode(codec.encode([array])[8:])[0]
    assert back.dtype == array.dtype and back.shape == array.shape
    np.testing.assert_array_equal(back, array)


def test_tensors_keep_dtype_and_requires_grad():
    tensor = torch.ones(2, 3, dtype=torch.float64, requires_grad=True)
    back = codec.decode(codec.encode(tensor)[8:])
    assert isinstance(back, torch.Tensor) and back.dtype == torch.float64 and back.requires_grad


def test_ndarray_subclass_arrives_as_a_plain_array():
    class AlwaysEqual(np.ndarray):
        def __eq__(self, other):
            return True

    sneaky = np.zeros(3).view(AlwaysEqual)
    back = codec.decode(codec.encode(sneaky)[8:])
    assert type(back) is np.ndarray and not (back == np.ones(3)).any()


def test_objects_are_refused_without_a_handle_store():
    with pytest.raises(codec.FrameError, match="not plain data"):
        codec.encode(object())


def test_objects_become_handles_with_a_store():
    kept = []
    frame = codec.encode({"model": object()}, keep=lambda obj: kept.append(obj) or codec.Handle(1, "object"))
    back = codec.decode(frame[8:])
    assert isinstance(back["model"], codec.Handle) and len(kept) == 1


def test_pickled_arrays_are_never_loaded():
    """An object array (which needs pickle) in a frame is an error, not an unpickling."""
    buffer = io.BytesIO()
    np.save(buffer, np.array([object()], dtype=object), allow_pickle=True)
    blob = buffer.getvalue()
    head = b'{"$ndarray": 0}'
    body = struct.pack("<I", len(head)) + head + struct.pack("<Q", len(blob)) + blob
    with pytest.raises(codec.FrameError):
        codec.decode(body)


@pytest.mark.parametrize("body", [b"", b"\x05\x00\x00\x00{", b'\x0d\x00\x00\x00{"$evil": 1}'])
def test_garbage_is_a_frame_error(body):
    with pytest.raises(codec.FrameError):
        codec.decode(body)
