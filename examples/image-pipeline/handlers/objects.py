"""Reads an uploaded object for the pipeline's handlers.

On AWS the object is read from S3 with boto3. When the environment variable IMAGES_DIR names a
folder (relative to the working directory), the object is read from that folder instead, where
the key is the file's path relative to it: that is how a local folder stands in for the bucket.
"""

import os

_S3 = None


class NoSuchKey(Exception):
    """The object is not there; boto3 raises an exception of the same name on AWS, so a Catch
    or a reader of the execution's history sees the same error either way."""


def _s3():
    """One S3 client per warm process, created on first use so that local runs never need one."""
    global _S3
    if _S3 is None:
        import boto3

        _S3 = boto3.client("s3")
    return _S3


def read_object(bucket, key):
    """The bytes of the object `key` in `bucket`."""
    directory = os.environ.get("IMAGES_DIR")
    if not directory:
        return _s3().get_object(Bucket=bucket, Key=key)["Body"].read()
    root = os.path.realpath(directory)
    path = os.path.realpath(os.path.join(root, *key.split("/")))
    # A key such as "../secret" must not read a file outside the folder that plays the bucket.
    if os.path.commonpath([root, path]) != root:
        raise NoSuchKey(f"the key {key!r} points outside the folder {directory!r}")
    try:
        with open(path, "rb") as file:
            return file.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as err:
        raise NoSuchKey(f"no object {key!r} in the folder {directory!r}") from err
