def handler(event, context):
    return {"n": event["n"] + 1}
