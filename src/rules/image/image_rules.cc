// The image rule table (PC-IMG-nnn). The check functions are in the checks_*.cc files of this
// folder, by family (see checks.h).
#include "rules/image/image_rules.h"

#include <string_view>
#include <vector>

#include "rules/image/checks.h"

namespace portcullis {
namespace hardening {
namespace {

constexpr std::string_view kCisBenchmark = "https://www.cisecurity.org/benchmark/docker";
constexpr std::string_view kDockleCheckpoints =
    "https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md";
constexpr std::string_view kNist190 = "https://doi.org/10.6028/NIST.SP.800-190";
constexpr std::string_view kOwaspDocker =
    "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html";

std::vector<ImageRule> MakeRules() {
  std::vector<ImageRule> r;
  r.push_back({{"PC-IMG-001",
                {"CIS-DI-0001", "CIS 4.1"},
                kHigh,
                "Image runs as root",
                "config.User is empty, `root`, `0`, `0:<gid>`, or a name that /etc/passwd maps to "
                "uid 0 (Dockle flags only empty and `root`). A process running as root in the "
                "container is root on the host's kernel: any escape or mounted path is fully "
                "exposed.",
                "Create an unprivileged user in the image and end the Dockerfile with "
                "`USER <uid>:<gid>` (numeric ids work even without /etc/passwd).",
                {kCisBenchmark, kDockleCheckpoints, kOwaspDocker}},
               kHigh,
               CheckRootUser});
  r.push_back({{"PC-IMG-002",
                {},
                kMedium,
                "Config user or group name is not defined in the image",
                "config.User names a user (or group) that /etc/passwd (/etc/group) of the image "
                "does not define: the runtime cannot resolve it and the container fails to start.",
                "Create the account in the image (`useradd`, `adduser`) or use numeric ids in "
                "`USER`.",
                {"https://docs.docker.com/reference/dockerfile/#user"}},
               kMedium,
               CheckUnknownUserName});
  r.push_back({{"PC-IMG-003",
                {},
                kLow,
                "Config uid has no /etc/passwd entry",
                "config.User is a numeric uid that the image's /etc/passwd does not list. The "
                "container starts, but the process has no user name and HOME is `/`; tools that "
                "look up the current user (ssh, git, pip --user, many shells) fail or write to `/`.",
                "Add a passwd entry for the uid (with a home directory), or choose an existing "
                "unprivileged account.",
                {}},
               kLow,
               CheckUidWithoutEntry});
  r.push_back({{"PC-IMG-004",
                {"CIS-DI-0008", "CIS 4.8"},
                kMedium,
                "Setuid or setgid file",
                "A regular file in the final image has the setuid or setgid bit (the message "
                "names its mode, owner and package when known). Setuid programs are the usual "
                "path from a non-root process to root inside a container. Under "
                "`--hardening-profile strict` its severity is HIGH.",
                "Remove the files or their bits in the last build stage (`chmod a-s`, or "
                "`find / -xdev -perm /6000 -type f -exec chmod a-s {} +`), and run with "
                "`--security-opt no-new-privileges`.",
                {kCisBenchmark, kDockleCheckpoints}},
               kHigh,
               CheckSetid});
  r.push_back({{"PC-IMG-005",
                {},
                kMedium,
                "World-writable file or directory without the sticky bit",
                "A file any user can write, or a directory any user can write without the sticky "
                "bit (so anyone may delete or replace others' files): another process of the "
                "container can tamper with it. Device nodes and symlinks are not reported. Under "
                "`--hardening-profile strict` its severity is HIGH.",
                "Remove the `o+w` bit (`chmod o-w`), or add the sticky bit to shared "
                "directories (`chmod +t`).",
                {kNist190}},
               kHigh,
               CheckWorldWritable});
  r.push_back({{"PC-IMG-006",
                {"CIS-DI-0003", "CIS 4.3"},
                kLow,
                "Shell present",
                "The image ships a shell (sh, bash, ash, dash, ..., or busybox and its applet "
                "links): an attacker who gets code execution gets an interactive foothold, and "
                "`docker exec sh` works for anyone with access. Distroless and scratch images "
                "have none. Under `--hardening-profile strict` its severity is HIGH.",
                "Build the runtime stage from a distroless or scratch base and copy only the "
                "application into it.",
                {kNist190, "https://github.com/GoogleContainerTools/distroless"}},
               kHigh,
               CheckShells});
  r.push_back({{"PC-IMG-007",
                {"CIS-DI-0003", "CIS 4.3"},
                kLow,
                "Package manager present",
                "The image ships a package manager (apt, dpkg, apk, yum, dnf, rpm, pip, npm, "
                "...): whoever gets into the container can install anything. Under "
                "`--hardening-profile strict` its severity is HIGH.",
                "Install packages in a build stage and copy the results into a runtime stage "
                "without the package manager.",
                {kNist190}},
               kHigh,
               CheckPackageManagers});
  r.push_back({{"PC-IMG-008",
                {"CIS-DI-0003", "CIS 4.3"},
                kLow,
                "Network tool present",
                "The image ships a network tool (curl, wget, nc/netcat/ncat, socat, telnet, "
                "ssh/scp, nmap): the first thing an intruder uses to fetch a payload or open a "
                "reverse shell. Under `--hardening-profile strict` its severity is HIGH.",
                "Download what the build needs in a build stage; leave the tools out of the "
                "runtime image (health checks can use the application itself).",
                {kNist190}},
               kHigh,
               CheckNetworkTools});
  r.push_back({{"PC-IMG-009",
                {"CIS-DI-0003", "CIS 4.3"},
                kMedium,
                "Debugger or compiler present",
                "The image ships a debugger or build tool (gdb, strace, ltrace, gcc, cc, clang, "
                "make, ...): it lets an intruder inspect other processes or build exploits in "
                "place, and means the build stage was shipped. Under `--hardening-profile "
                "strict` its severity is HIGH.",
                "Use a multi-stage build: compile in a builder stage, copy only the artifacts "
                "into the runtime stage.",
                {kNist190}},
               kHigh,
               CheckDebuggers});
  r.push_back({{"PC-IMG-010",
                {"DKL-DI-0001"},
                kMedium,
                "sudo installed",
                "sudo is in the image (the message lists any NOPASSWD rule of /etc/sudoers and "
                "/etc/sudoers.d): a non-root container user one command away from root defeats "
                "the point of running as non-root. Under `--hardening-profile strict` its "
                "severity is HIGH.",
                "Do not install sudo; do privileged setup at build time as root, then switch "
                "with `USER`. If a tool must step up at run time, use a narrowly scoped "
                "capability instead.",
                {kDockleCheckpoints}},
               kHigh,
               CheckSudo});
  r.push_back({{"PC-IMG-011",
                {"DKL-LI-0001"},
                kHigh,
                "Account with an empty password",
                "An account has an empty password field in /etc/shadow, or in /etc/passwd (where "
                "Dockle does not look): anyone can become that user without a password "
                "(su, login). Locked accounts (`*`, `!`) are fine.",
                "Lock the account (`passwd -l NAME`, or `*` in the password field) or remove it.",
                {kDockleCheckpoints}},
               kHigh,
               CheckEmptyPasswords});
  r.push_back({{"PC-IMG-012",
                {"DKL-LI-0002"},
                kMedium,
                "Duplicate uid or gid",
                "Two accounts of /etc/passwd share a uid, or two groups of /etc/group share a "
                "gid: file ownership and audit trails cannot tell them apart. Duplicates of uid "
                "0 are reported by PC-IMG-013.",
                "Give every account and group its own id.",
                {kDockleCheckpoints}},
               kMedium,
               CheckDuplicateIds});
  r.push_back({{"PC-IMG-013",
                {},
                kHigh,
                "Extra account with uid 0",
                "An account other than root has uid 0 in /etc/passwd: a second, less visible "
                "root (a classic backdoor).",
                "Remove the account or give it an unprivileged uid.",
                {kNist190}},
               kHigh,
               CheckExtraRoot});
  r.push_back({{"PC-IMG-014",
                {"CIS-DI-0010", "CIS 4.10"},
                kHigh,
                "Secret in the image config",
                "An Env entry or Label of the image config matches a secret rule (the same rules "
                "and --secret-config as the secret scanner). Anyone who can pull the image can "
                "read it with `docker inspect`.",
                "Rotate the secret. Pass secrets at run time (orchestrator secrets, mounted "
                "files) or at build time with `RUN --mount=type=secret`, never with ENV, ARG or "
                "LABEL.",
                {kCisBenchmark, kDockleCheckpoints}},
               kHigh,
               CheckConfigSecrets});
  r.push_back({{"PC-IMG-015",
                {"CIS-DI-0010", "CIS 4.10"},
                kMedium,
                "Credential-like environment variable",
                "An Env name that reads as a credential (a word such as PASSWORD, PASSWD, PASS, "
                "PWD, SECRET, TOKEN, CREDENTIALS, API_KEY or PRIVATE_KEY, with no qualifier "
                "such as _FILE, _PATH, _ID, _NAME or _TTL after it; the same test as the "
                "Dockerfile and runtime rules) has a value, and no secret rule recognised it. "
                "Not reported: GPG_KEY, PUBLIC_KEY, and values that are paths, `$` references, "
                "booleans or numbers.",
                "Remove the value from the image; pass it at run time, or point to a file with "
                "a `*_FILE` variable.",
                {kDockleCheckpoints}},
               kMedium,
               CheckSuspiciousEnv});
  r.push_back({{"PC-IMG-016",
                {"CIS-DI-0006", "CIS 4.6"},
                kLow,
                "No HEALTHCHECK",
                "The image config has no health check (or `HEALTHCHECK NONE`): the engine cannot "
                "tell a hung service from a healthy one. Orchestrators with their own probes "
                "(Kubernetes) ignore it. Under `--hardening-profile strict` its severity is "
                "MEDIUM.",
                "Add `HEALTHCHECK CMD ...` using the application itself (not curl) or define "
                "probes where it runs.",
                {kCisBenchmark, kDockleCheckpoints}},
               kMedium,
               CheckHealthcheck});
  r.push_back({{"PC-IMG-017",
                {"DS-0004"},
                kMedium,
                "SSH or telnet port exposed",
                "The image exposes port 22 or 23 (also within a range): remote login into a "
                "container means a long-lived daemon with credentials, instead of `docker exec`.",
                "Remove `EXPOSE 22`/`EXPOSE 23` and the daemon.",
                {kCisBenchmark}},
               kMedium,
               CheckRemoteLoginPorts});
  r.push_back({{"PC-IMG-018",
                {},
                kLow,
                "Privileged port exposed by a non-root image",
                "The image runs as a non-root uid but exposes a port below 1024: binding it needs "
                "CAP_NET_BIND_SERVICE or a lowered net.ipv4.ip_unprivileged_port_start, or the "
                "service fails at start (ports 22 and 23 are PC-IMG-017).",
                "Listen on a port of 1024 or above and map it at run time (`-p 80:8080`).",
                {kCisBenchmark}},
               kLow,
               CheckPrivilegedPorts});
  r.push_back({{"PC-IMG-019",
                {"CIS-DI-0009", "CIS 4.9"},
                kMedium,
                "ADD used in the build history",
                "A build step after the base image used ADD (history, like Dockle; the base "
                "image's own `ADD file:... in /` is exempt). ADD fetches URLs without checking "
                "their content and silently extracts archives; a remote ADD pinned with "
                "BuildKit's `--checksum` is not reported.",
                "Use COPY for local files; download remote content with a pinned checksum "
                "(`ADD --checksum=sha256:...` or `curl` + `sha256sum -c` in a build stage).",
                {kCisBenchmark, kDockleCheckpoints}},
               kMedium,
               CheckAddInHistory});
  r.push_back({{"PC-IMG-020",
                {"DKL-DI-0003", "DL3005"},
                kLow,
                "apt upgrade in the build history",
                "A build step ran `apt-get upgrade` / `dist-upgrade` / `full-upgrade`: the image "
                "content then depends on the day it was built and drifts from its base image. "
                "Under `--hardening-profile strict` its severity is MEDIUM.",
                "Rebuild on an updated base image instead, and pin the packages you install.",
                {kDockleCheckpoints}},
               kMedium,
               CheckUpgradeInHistory});
  r.push_back({{"PC-IMG-021",
                {"DKL-DI-0005", "DKL-DI-0004"},
                kLow,
                "Package manager cache left in the image",
                "Downloaded packages or package indexes are left in the image: "
                "/var/cache/apt/archives/*.deb, /var/lib/apt/lists/*, /var/cache/apk, "
                "/var/cache/yum, /var/cache/dnf, or pip caches under /root and /home. They make "
                "the image bigger and are stale as soon as it ships. Under "
                "`--hardening-profile strict` its severity is MEDIUM.",
                "Clean in the same RUN step (`rm -rf /var/lib/apt/lists/*`, `apt-get clean`, "
                "`apk add --no-cache`, `pip install --no-cache-dir`), or use a cache mount.",
                {kDockleCheckpoints}},
               kMedium,
               CheckCaches});
  r.push_back({{"PC-IMG-022",
                {"CIS-DI-0010", "CIS 4.10"},
                kHigh,
                "Private key or credential file in the image",
                "A file of the final image is a credential: an OpenSSH key file (id_rsa, ...) or "
                "a *.pem / *.key file holding a private key (confirmed by the secret rules), an "
                ".aws/credentials file with a secret access key, or a .docker/config.json with "
                "registry credentials.",
                "Remove the file and rotate the credential; mount credentials at run time or use "
                "`RUN --mount=type=secret` at build time. Deleting it in a later layer is not "
                "enough (see the secret scanner).",
                {kCisBenchmark, kDockleCheckpoints}},
               kHigh,
               CheckCredentialFiles});
  r.push_back({{"PC-IMG-023",
                {},
                kHigh,
                "End-of-life OS release",
                "The distribution release of the image is past its end of life on the scan date "
                "(OS detection and its end-of-life table): it gets no more security fixes, so "
                "its vulnerabilities stay open.",
                "Rebuild on a supported release of the distribution.",
                {"https://endoflife.date/"}},
               kHigh,
               CheckEndOfLife});
  r.push_back({{"PC-IMG-024",
                {},
                kMedium,
                "Unmanaged software: a C library but no OS package database",
                "The image has a C library or dynamic loader (glibc, musl) but no dpkg, apk or "
                "rpm database: it was assembled by copying files, so no scanner can tell which "
                "versions it holds and nothing can patch it by package. Static binaries on "
                "scratch (no libc) are fine.",
                "Build from a base image that keeps its package database (distroless keeps "
                "/var/lib/dpkg/status.d), or do not copy a libc into scratch.",
                {kNist190}},
               kMedium,
               CheckUnmanaged});
  r.push_back({{"PC-IMG-025",
                {},
                kInfo,
                "Image larger than the size threshold",
                "The files of all layers add up to more than `--hardening-max-image-bytes` "
                "(default 1 GiB; files a later layer deletes still count, they still ship); the "
                "message lists the largest layers. Large images pull "
                "slowly and usually carry more than the application needs.",
                "Use a smaller base image and a multi-stage build; remove build tools and "
                "caches in the step that created them.",
                {}},
               kInfo,
               CheckImageSize});
  r.push_back({{"PC-IMG-026",
                {},
                kInfo,
                "Image with more layers than the threshold",
                "The image has more layers than `--hardening-max-layers` (default 50); the "
                "message lists the largest. Every layer costs at pull and run time (the kernel "
                "stacks at most 128 in overlayfs).",
                "Merge RUN steps and use a multi-stage build so the runtime stage has few "
                "layers.",
                {}},
               kInfo,
               CheckLayerCount});
  return r;
}

}  // namespace
}  // namespace hardening

std::span<const ImageRule> ImageRules() {
  static const std::vector<ImageRule> kRules = hardening::MakeRules();
  return kRules;
}

}  // namespace portcullis
