def handler(event, context):
    print("inc", event["n"])
    return {"n": event["n"] + 1}
