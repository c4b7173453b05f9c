"""Lambda handler `store-results`: records what the pipeline found about one image as one item
of the DynamoDB table named by TABLE_NAME (default ImageMetadata), keyed by the object key.

The event is what the state machine gathered:

    {"bucket": "images", "key": "cat.png", "uploadedAt": "2025-01-01T12:00:00Z",
     "executionArn": "arn:aws:states:...", "metadata": {...}, "labels": [...],
     "dominantColors": [...]}

The handler answers with the table's name and the item it wrote, in JSON types. Writing the
item again for the same key replaces it, so an image uploaded twice keeps its latest record.
"""

import datetime
import decimal
import os

import boto3

TABLE_NAME = os.environ.get("TABLE_NAME", "ImageMetadata")

# Created once per warm process, as a Lambda function should, so that later invocations reuse
# the connection.
TABLE = boto3.resource("dynamodb").Table(TABLE_NAME)


def to_dynamodb(value):
    """`value` with its floats as Decimals, which is how boto3 wants DynamoDB numbers."""
    if isinstance(value, float):
        # Through str, so that 72.1 is stored as 72.1 and not as its binary approximation.
        return decimal.Decimal(str(value))
    if isinstance(value, dict):
        return {name: to_dynamodb(item) for name, item in value.items()}
    if isinstance(value, list):
        return [to_dynamodb(item) for item in value]
    return value


def item_of(event, processed_at):
    """The item for `event`, without the attributes whose value is unknown (null)."""
    metadata = event["metadata"]
    item = {
        "ObjectKey": event["key"],
        "Bucket": event["bucket"],
        "Size": metadata["size"],
        "ContentType": metadata["contentType"],
        "Format": metadata.get("format"),
        "Width": metadata.get("width"),
        "Height": metadata.get("height"),
        "Labels": [
            {"Name": label["Name"], "Confidence": label["Confidence"]}
            for label in event.get("labels", [])
        ],
        "DominantColors": [
            {
                "Color": colour["SimplifiedColor"],
                "HexCode": colour["HexCode"],
                "PixelPercent": colour["PixelPercent"],
            }
            for colour in event.get("dominantColors", [])
        ],
        "UploadedAt": event.get("uploadedAt"),
        "ProcessedAt": processed_at,
        "ExecutionArn": event.get("executionArn"),
    }
    return {name: value for name, value in item.items() if value is not None}


def lambda_handler(event, context):
    now = datetime.datetime.now(datetime.timezone.utc)
    item = item_of(event, now.isoformat(timespec="milliseconds").replace("+00:00", "Z"))
    TABLE.put_item(Item=to_dynamodb(item))
    print(f"store-results: {TABLE_NAME}[{item['ObjectKey']!r}] = {item}")
    return {"table": TABLE_NAME, "item": item}
