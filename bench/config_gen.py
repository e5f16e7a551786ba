#!/usr/bin/env python3
"""Generates Helm-rendered-style Kubernetes manifests and docker-compose files for bench/config.sh.

usage: config_gen.py OUT_DIR MANIFESTS [PER_FILE] [COMPOSE_FILES]

Writes OUT_DIR/k8s/release-NNNN.yaml, each holding PER_FILE (default 50) `---`-separated
documents with `# Source:` comments: workloads of every kind (Deployment, StatefulSet, DaemonSet,
CronJob, Job, Pod) with varied security contexts, resources, probes, volumes and env, plus the
Services, ConfigMaps and RBAC objects a chart renders. MANIFESTS counts every document. Also
writes COMPOSE_FILES (default 500) compose projects OUT_DIR/compose/pNNNN/docker-compose.yml of
five services each. Deterministic (fixed seed).
"""
import os
import random
import sys

WORKLOADS = ["Deployment", "Deployment", "Deployment", "StatefulSet", "DaemonSet", "CronJob",
             "Job", "Pod"]
IMAGES = ["nginx:1.25.4", "redis:7.2", "postgres:16.2", "ghcr.io/acme/api:2.3.1",
          "quay.io/prometheus/node-exporter:v1.7.0", "busybox", "grafana/grafana:latest",
          "registry.k8s.io/pause:3.9@sha256:7031c1b283388d2c2e09b57badb803c05ebed362dc88d84b480cc47f72a21097"]


def container(r, name):
    lines = [f"- name: {name}", f"  image: \"{r.choice(IMAGES)}\""]
    if r.random() < 0.6:
        lines.append("  ports:")
        lines.append(f"    - containerPort: {r.choice([80, 8080, 9090, 5432])}")
        if r.random() < 0.1:
            lines.append(f"      hostPort: {r.choice([80, 8080])}")
    if r.random() < 0.5:
        lines += ["  env:", "    - name: LOG_LEVEL", "      value: info"]
        if r.random() < 0.2:
            lines += ["    - name: DB_PASSWORD", f"      value: \"pw{r.randrange(10**8)}\""]
        else:
            lines += ["    - name: DB_PASSWORD", "      valueFrom:",
                      "        secretKeyRef: {name: db, key: password}"]
    if r.random() < 0.7:
        lines += ["  securityContext:",
                  f"    allowPrivilegeEscalation: {str(r.random() < 0.2).lower()}",
                  f"    readOnlyRootFilesystem: {str(r.random() < 0.7).lower()}",
                  "    capabilities:", "      drop: [\"ALL\"]"]
        if r.random() < 0.1:
            lines.append("      add: [\"NET_ADMIN\"]")
        if r.random() < 0.05:
            lines.append("    privileged: true")
    if r.random() < 0.7:
        lines += ["  resources:", "    limits:", f"      cpu: {r.choice(['100m', '500m', '1'])}",
                  f"      memory: {r.choice(['128Mi', '512Mi', '1Gi'])}",
                  "    requests:", "      cpu: 50m", "      memory: 64Mi"]
    if r.random() < 0.6:
        lines += ["  livenessProbe:", "    httpGet: {path: /healthz, port: 8080}",
                  "    initialDelaySeconds: 10", "  readinessProbe:",
                  "    httpGet: {path: /ready, port: 8080}"]
    if r.random() < 0.3:
        lines += ["  volumeMounts:", "    - name: data", "      mountPath: /data"]
    return lines


def pod_spec(r, name):
    lines = []
    if r.random() < 0.5:
        lines.append("automountServiceAccountToken: false")
    if r.random() < 0.05:
        lines.append("hostNetwork: true")
    if r.random() < 0.6:
        lines += ["securityContext:", "  runAsNonRoot: true",
                  f"  runAsUser: {r.choice([1000, 10001, 65534])}",
                  "  seccompProfile:", "    type: RuntimeDefault"]
    if r.random() < 0.3:
        lines += ["volumes:", "  - name: data"]
        lines += ["    hostPath: {path: /var/lib/data}"] if r.random() < 0.2 else \
            ["    emptyDir: {}"]
    if r.random() < 0.3:
        lines.append("initContainers:")
        lines += ["  " + l for l in container(r, "init")]
    lines.append("containers:")
    for i in range(r.choice([1, 1, 2])):
        lines += ["  " + l for l in container(r, f"{name}-{i}")]
    return lines


def indent(lines, n):
    return "".join(" " * n + l + "\n" for l in lines)


def workload(r, chart, i):
    kind = r.choice(WORKLOADS)
    name = f"{chart}-{kind.lower()}-{i}"
    ns = f"ns-{r.randrange(20)}"
    head = (f"---\n# Source: {chart}/templates/{kind.lower()}-{i}.yaml\n"
            f"apiVersion: {'v1' if kind == 'Pod' else 'apps/v1'}\nkind: {kind}\n"
            f"metadata:\n  name: {name}\n  namespace: {ns}\n"
            f"  labels:\n    app.kubernetes.io/name: {chart}\n    helm.sh/chart: {chart}-1.0.0\n")
    spec = pod_spec(r, name)
    if kind == "Pod":
        return head + "spec:\n" + indent(spec, 2)
    if kind == "CronJob":
        return (head + "spec:\n  schedule: \"0 * * * *\"\n  jobTemplate:\n    spec:\n"
                "      template:\n        spec:\n          restartPolicy: OnFailure\n" +
                indent(spec, 10))
    return (head + "spec:\n  replicas: 2\n  selector:\n    matchLabels:\n"
            f"      app.kubernetes.io/name: {chart}\n  template:\n    metadata:\n"
            f"      labels:\n        app.kubernetes.io/name: {chart}\n    spec:\n" +
            indent(spec, 6))


def other(r, chart, i):
    kind = r.choice(["Service", "ConfigMap", "Role", "NetworkPolicy"])
    head = (f"---\n# Source: {chart}/templates/{kind.lower()}-{i}.yaml\n"
            f"apiVersion: v1\nkind: {kind}\nmetadata:\n  name: {chart}-{i}\n"
            f"  namespace: ns-{r.randrange(20)}\n")
    if kind == "Service":
        return head + "spec:\n  ports:\n    - port: 80\n      targetPort: 8080\n"
    if kind == "ConfigMap":
        return head + "data:\n  app.conf: |\n    [server]\n    port = 8080\n"
    if kind == "Role":
        return head + ("rules:\n  - apiGroups: [\"\"]\n    resources: [\"pods\", \"secrets\"]\n"
                       "    verbs: [\"get\", \"list\"]\n")
    return head + "spec:\n  podSelector: {}\n"


def compose(r):
    out = ["services:"]
    for s in range(5):
        out += [f"  svc{s}:", f"    image: {r.choice(IMAGES)}"]
        if r.random() < 0.5:
            out += ["    ports:", f"      - \"{r.choice(['', '127.0.0.1:'])}{8000 + s}:80\""]
        if r.random() < 0.5:
            out += ["    environment:", "      LOG_LEVEL: info",
                    f"      API_TOKEN: {r.choice(['${API_TOKEN}', 'tok' + str(r.randrange(10**9))])}"]
        if r.random() < 0.3:
            out += ["    volumes:", "      - ./data:/data", "      - /var/run/docker.sock:/var/run/docker.sock"]
        if r.random() < 0.5:
            out += ["    read_only: true", "    cap_drop: [ALL]", "    security_opt:",
                    "      - no-new-privileges:true", "    mem_limit: 256m", "    pids_limit: 100"]
        if r.random() < 0.1:
            out.append("    privileged: true")
        out.append("    restart: unless-stopped")
    return "\n".join(out) + "\n"


def main():
    out_dir, total = sys.argv[1], int(sys.argv[2])
    per_file = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    compose_files = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    r = random.Random(7)
    os.makedirs(os.path.join(out_dir, "k8s"), exist_ok=True)
    written, f = 0, 0
    while written < total:
        chart = f"chart{f}"
        docs = []
        for i in range(min(per_file, total - written)):
            docs.append(workload(r, chart, i) if r.random() < 0.75 else other(r, chart, i))
        with open(os.path.join(out_dir, "k8s", f"release-{f:04d}.yaml"), "w") as fh:
            fh.write("".join(docs))
        written += len(docs)
        f += 1
    for p in range(compose_files):
        d = os.path.join(out_dir, "compose", f"p{p:04d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "docker-compose.yml"), "w") as fh:
            fh.write(compose(r))
    print(f"{written} manifests in {f} files, {compose_files} compose files")


if __name__ == "__main__":
    main()
