//! The shipped example `examples/image-pipeline` end to end against the real binary: an image
//! dropped in the folder that plays an S3 bucket raises an event, an EventBridge rule starts the
//! pipeline, and its Lambda handlers record what they found in DynamoDB (moto's server).
//!
//! `tests/e2e/image_pipeline.py` does the work (see its header): it copies the example, starts
//! moto's server and `statewright serve`, runs the example's `setup.sh` with the `aws` CLI, drops
//! the example's `sample.png` into the bucket folder and checks the execution and the table.
//! Without boto3, the `aws` CLI, Pillow or moto's server, this test fails under `CI=true` and
//! prints a loud `SKIPPED` line elsewhere.

#[allow(
    dead_code,
    reason = "this test starts its servers from the script, not with `common::Server`"
)]
mod common;

/// Whether everything the script and the example's handlers need is installed.
fn tools() -> bool {
    common::has_boto3()
        && common::require(
            "the aws CLI",
            "aws",
            &["--version"],
            "python3 -m pip install awscli",
        )
        && common::require(
            "Pillow",
            "python3",
            &["-c", "import PIL"],
            "python3 -m pip install pillow",
        )
        && common::require(
            "moto's server",
            "python3",
            &["-c", "import moto.server"],
            "python3 -m pip install 'moto[server]'",
        )
}

#[test]
fn an_image_dropped_in_the_bucket_is_processed_end_to_end() {
    if !tools() {
        return;
    }
    common::run_script("image_pipeline.py", &[], "image-pipeline");
}
