#!/usr/bin/env bash
# Creates what the image pipeline needs, with the aws CLI: the DynamoDB table ImageMetadata, the
# state machine image-pipeline, and the rule image-uploaded that starts it for every image put
# in the bucket "images". Running it again updates the state machine and the rule in place.
#
# Environment: STATEWRIGHT_ENDPOINT (default http://127.0.0.1:8083) serves Step Functions and
# EventBridge, DYNAMODB_ENDPOINT (default http://127.0.0.1:5000) serves DynamoDB, and
# STATEWRIGHT_ACCOUNT (default 000000000000) is the account in the server's ARNs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
statewright_endpoint="${STATEWRIGHT_ENDPOINT:-http://127.0.0.1:8083}"
dynamodb_endpoint="${DYNAMODB_ENDPOINT:-http://127.0.0.1:5000}"
account="${STATEWRIGHT_ACCOUNT:-000000000000}"
region=us-east-1
# These names must match statewright.toml (TABLE_NAME) and rule-pattern.json (the bucket).
table=ImageMetadata
machine=image-pipeline
rule=image-uploaded

# The local servers accept any credentials, but the aws CLI refuses to sign without some.
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
# Version 2 of the aws CLI would otherwise page every answer through less.
export AWS_PAGER=""

sfn=(aws stepfunctions --endpoint-url "$statewright_endpoint" --region "$region")
events=(aws events --endpoint-url "$statewright_endpoint" --region "$region")
dynamodb=(aws dynamodb --endpoint-url "$dynamodb_endpoint" --region "$region")

echo "DynamoDB table $table on $dynamodb_endpoint"
if ! created="$("${dynamodb[@]}" create-table --table-name "$table" \
    --attribute-definitions AttributeName=ObjectKey,AttributeType=S \
    --key-schema AttributeName=ObjectKey,KeyType=HASH \
    --billing-mode PAY_PER_REQUEST 2>&1 >/dev/null)"; then
    # A table left by an earlier run is the table we want; any other failure is not.
    if [[ "$created" != *ResourceInUseException* ]]; then
        echo "$created" >&2
        exit 1
    fi
    echo "  already there"
fi
"${dynamodb[@]}" wait table-exists --table-name "$table"

echo "State machine $machine on $statewright_endpoint"
# On AWS these roles would grant the state machine lambda:InvokeFunction, and EventBridge
# states:StartExecution; the local server accepts any role.
machine_role="arn:aws:iam::${account}:role/${machine}"
events_role="arn:aws:iam::${account}:role/${rule}-starts-${machine}"
machine_arn="$("${sfn[@]}" list-state-machines \
    --query "stateMachines[?name=='${machine}'].stateMachineArn | [0]" --output text)"
if [[ "$machine_arn" == "None" || -z "$machine_arn" ]]; then
    machine_arn="$("${sfn[@]}" create-state-machine --name "$machine" \
        --definition "file://${here}/image-pipeline.asl.json" --role-arn "$machine_role" \
        --query stateMachineArn --output text)"
    echo "  created $machine_arn"
else
    "${sfn[@]}" update-state-machine --state-machine-arn "$machine_arn" \
        --definition "file://${here}/image-pipeline.asl.json" --role-arn "$machine_role" >/dev/null
    echo "  updated $machine_arn"
fi

echo "Rule $rule on $statewright_endpoint"
rule_arn="$("${events[@]}" put-rule --name "$rule" \
    --event-pattern "file://${here}/rule-pattern.json" --state ENABLED \
    --description "Starts ${machine} for every object put in the bucket images" \
    --query RuleArn --output text)"
echo "  $rule_arn"
# The same target Id replaces the earlier target rather than adding a second one.
failed="$("${events[@]}" put-targets --rule "$rule" \
    --targets "Id=${machine},Arn=${machine_arn},RoleArn=${events_role}" \
    --query FailedEntryCount --output text)"
if [[ "$failed" != "0" ]]; then
    echo "put-targets refused the target of $rule ($failed failed entries)" >&2
    exit 1
fi
echo "  target $machine_arn"
