#!/usr/bin/env bash
# Parses every manifest under k8s/ and checks what a reader cannot see at a glance: each document
# has apiVersion, kind and a name, everything namespaced lives in the one namespace, and the
# labels the NetworkPolicy selects match the sandbox pod. Syntax only: no cluster here.
# Skips (exit 0) when python3 or PyYAML is missing.
set -euo pipefail

K8S=$(cd "$(dirname "${BASH_SOURCE[0]}")/../k8s" && pwd)
if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "k8s-manifests: skipped (python3 with PyYAML not available)"
  exit 0
fi

python3 - "$K8S" <<'PY'
import pathlib, sys, yaml

docs = {}
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.yaml")):
    for doc in yaml.safe_load_all(path.read_text()):
        for field in ("apiVersion", "kind"):
            assert doc.get(field), f"{path.name}: a document lacks {field}"
        name = doc.get("metadata", {}).get("name")
        assert name, f"{path.name}: a {doc['kind']} has no metadata.name"
        if doc["kind"] != "Namespace":
            assert doc["metadata"].get("namespace") == "cloudbrowser", f"{path.name}: {doc['kind']}/{name} not in namespace cloudbrowser"
        docs[(doc["kind"], name)] = doc

pod = docs[("Pod", "browserd-s-example")]
policy = docs[("NetworkPolicy", "browserd-sandbox")]
binding = docs[("RoleBinding", "cloudbrowser-control-plane-sandbox-manager")]
role = docs[("Role", "cloudbrowser-sandbox-manager")]

selected = policy["spec"]["podSelector"]["matchLabels"]
assert selected.items() <= pod["metadata"]["labels"].items(), "NetworkPolicy does not select the sandbox pod"
egress_blocks = [peer["ipBlock"] for rule in policy["spec"]["egress"] for peer in rule["to"] if "ipBlock" in peer]
v4 = next(b for b in egress_blocks if b["cidr"] == "0.0.0.0/0")
for private in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"):
    assert private in v4["except"], f"egress does not exclude {private}"

assert binding["roleRef"]["name"] == role["metadata"]["name"], "RoleBinding names another Role"
assert ("ServiceAccount", binding["subjects"][0]["name"]) in docs, "RoleBinding subject is not the ServiceAccount"
assert {"create", "get", "list", "delete"} <= set(role["rules"][0]["verbs"]), "Role lacks a pod verb"

container = pod["spec"]["containers"][0]
mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
volumes = {v["name"]: v for v in pod["spec"]["volumes"]}
assert volumes[mounts["/dev/shm"]]["emptyDir"]["medium"] == "Memory", "/dev/shm is not a memory emptyDir"
assert container["readinessProbe"]["httpGet"]["path"] == "/health", "readiness probe is not /health"
assert pod["spec"]["securityContext"]["runAsNonRoot"] is True, "sandbox pod may run as root"
print(f"k8s-manifests: {len(docs)} documents ok")
PY
