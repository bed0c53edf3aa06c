// The kernel options a container engine relies on, each with where menuconfig keeps it (x86, Linux
// 6.12), whether it can be a module, which kernels need it, and why. The rules read this table only.
import type { KernelGate } from './kernel-version.js';

/** How much a missing option hurts: required → fail, optional → warn, network/security → info. */
export type OptionLevel = 'required' | 'optional' | 'network' | 'security';

export interface KernelOption {
  /** Symbol without the `CONFIG_` prefix. */
  symbol: string;
  level: OptionLevel;
  /** bool options can only be `=y`; tristate ones may be modules. */
  kind: 'bool' | 'tristate';
  /** Where to find it in `make menuconfig`. */
  menu: string;
  /** Why it matters, one sentence. */
  why: string;
  gate?: KernelGate;
  /** Only checked when the system's iptables is the legacy one. */
  onlyWithLegacyIptables?: boolean;
  /** For network-driver options: which Docker feature needs it. */
  feature?: string;
  /** A name for options without a menu entry of their own (selected by others). */
  label?: string;
}

const GS = 'General setup';
const NS = `${GS} → Namespaces support`;
const CG = `${GS} → Control Group support`;
const NET = 'Networking support → Networking options';
const NF = `${NET} → Network packet filtering framework (Netfilter)`;
const NFCORE = `${NF} → Core Netfilter Configuration`;
const IP4 = `${NF} → IP: Netfilter Configuration`;
const IP4T = `${IP4} → IP tables support`;
const IP6T = `${NF} → IPv6: Netfilter Configuration → IP6 tables support`;
const IPVS = `${NF} → IP virtual server support`;
const NETDEV = 'Device Drivers → Network device support → Network core driver support';
const FS = 'File systems';
const SEC = 'Security options';
const CRYPTO = 'Cryptographic API';

const NS_WHY = 'Containers are processes in their own namespaces; without this one the engine cannot start a container.';
const CG_WHY = 'The engine puts each container in a control group; without this controller it cannot start containers or enforce limits.';
const NF_WHY = 'Docker builds its container network (NAT, port publishing) from these netfilter pieces; without it containers get no network.';
const IPVS_WHY = 'Load balancing for services (swarm mode) uses IPVS; plain builds do not need it.';
const NFT_WHY = 'Newer engines and firewalls use nf_tables; without it an nftables-based iptables cannot set up container networking.';

function o(symbol: string, level: OptionLevel, kind: 'bool' | 'tristate', menu: string, why: string, extra: Partial<KernelOption> = {}): KernelOption {
  return { symbol, level, kind, menu, why, ...extra };
}

/** Options a Docker host must have (fail when missing), with their version gates. */
export const REQUIRED_OPTIONS: readonly KernelOption[] = [
  o('NAMESPACES', 'required', 'bool', `${NS}`, NS_WHY),
  o('NET_NS', 'required', 'bool', `${NS} → Network namespace`, NS_WHY),
  o('PID_NS', 'required', 'bool', `${NS} → PID Namespaces`, NS_WHY),
  o('IPC_NS', 'required', 'bool', `${NS} → IPC namespace`, NS_WHY),
  o('UTS_NS', 'required', 'bool', `${NS} → UTS namespace`, NS_WHY),
  o('CGROUPS', 'required', 'bool', CG, CG_WHY),
  o('CGROUP_CPUACCT', 'required', 'bool', `${CG} → Simple CPU accounting controller`, CG_WHY),
  o('CGROUP_DEVICE', 'required', 'bool', `${CG} → Device controller`, CG_WHY),
  o('CGROUP_FREEZER', 'required', 'bool', `${CG} → Freezer controller`, 'Pausing containers (and committing a running one) freezes its cgroup.'),
  o('CGROUP_SCHED', 'required', 'bool', `${CG} → CPU controller`, CG_WHY),
  o('CPUSETS', 'required', 'bool', `${CG} → Cpuset controller`, CG_WHY),
  o('MEMCG', 'required', 'bool', `${CG} → Memory controller`, CG_WHY),
  o('KEYS', 'required', 'bool', `${SEC} → Enable access key retention support`, 'Container runtimes create a session keyring per container; without key support they fail to start them.'),
  o('VETH', 'required', 'tristate', `${NETDEV} → Virtual ethernet pair device`, 'Each container is wired to the bridge with a veth pair; without it containers have no network.'),
  o('BRIDGE', 'required', 'tristate', `${NET} → 802.1d Ethernet Bridging`, 'The default network (docker0) is a Linux bridge.'),
  o('BRIDGE_NETFILTER', 'required', 'tristate', `${NF} → Advanced netfilter configuration → Bridged IP/ARP packets filtering`, 'Docker filters traffic between containers on the bridge with it.'),
  o('IP_NF_FILTER', 'required', 'tristate', `${IP4T} → Packet filtering`, NF_WHY),
  o('IP_NF_MANGLE', 'required', 'tristate', `${IP4T} → Packet mangling`, NF_WHY),
  o('IP_NF_TARGET_MASQUERADE', 'required', 'tristate', `${IP4T} → iptables NAT support → MASQUERADE target support`, 'Containers reach the internet (distfiles, the Portage tree) through masquerading.'),
  o('IP6_NF_FILTER', 'required', 'tristate', `${IP6T} → Packet filtering`, NF_WHY),
  o('IP6_NF_MANGLE', 'required', 'tristate', `${IP6T} → Packet mangling`, NF_WHY),
  o('IP6_NF_TARGET_MASQUERADE', 'required', 'tristate', `${IP6T} → ip6tables NAT support → MASQUERADE target support`, NF_WHY),
  o('NETFILTER_XT_MATCH_ADDRTYPE', 'required', 'tristate', `${NFCORE} → "addrtype" address type match support`, NF_WHY),
  o('NETFILTER_XT_MATCH_CONNTRACK', 'required', 'tristate', `${NFCORE} → "conntrack" connection tracking match support`, NF_WHY),
  o('NETFILTER_XT_MATCH_IPVS', 'required', 'tristate', `${NFCORE} → "ipvs" match support`, 'Docker installs rules that match IPVS traffic (moby\'s check-config.sh calls it generally necessary); the engine starts and runs containers without it.', { feature: 'swarm-mode services (IPVS load balancing); image builds do not use it' }),
  o('NETFILTER_XT_MARK', 'required', 'tristate', `${NFCORE} → nfmark target and match support`, NF_WHY),
  o('IP_NF_RAW', 'required', 'tristate', `${IP4T} → raw table support`, NF_WHY),
  o('IP_NF_NAT', 'required', 'tristate', `${IP4T} → iptables NAT support`, 'Publishing ports and reaching the outside from containers go through NAT.'),
  o('NF_NAT', 'required', 'tristate', `${NFCORE} → Network Address Translation support`, 'Publishing ports and reaching the outside from containers go through NAT.'),
  o('IP6_NF_RAW', 'required', 'tristate', `${IP6T} → raw table support`, NF_WHY),
  o('IP6_NF_NAT', 'required', 'tristate', `${IP6T} → ip6tables NAT support`, NF_WHY),
  o('POSIX_MQUEUE', 'required', 'bool', `${GS} → POSIX Message Queues`, 'Each container gets its own message-queue filesystem; runtimes fail to mount it without this.'),
  o('DEVPTS_MULTIPLE_INSTANCES', 'required', 'bool', 'Device Drivers → Character devices → Support multiple instances of devpts', 'Old kernels need it to give each container its own /dev/pts.', { gate: { op: '<', version: [4, 8] } }),
  o('NF_NAT_IPV4', 'required', 'tristate', `${IP4} → IPv4 NAT`, 'Old kernels split IPv4 NAT into this option.', { gate: { op: '<=', version: [5, 1] } }),
  o('NF_NAT_NEEDED', 'required', 'bool', `${NFCORE} (selected automatically by NF_NAT)`, 'Old kernels only build NAT helpers when this is set.', { gate: { op: '<=', version: [5, 2] }, label: 'NAT helpers (automatic)' }),
  o('CGROUP_BPF', 'required', 'bool', `${CG} → Support for eBPF programs attached to cgroups`, 'On newer kernels device access of containers is controlled with eBPF programs on cgroups.', { gate: { op: '>=', version: [4, 15] } }),
  o('NETFILTER_XTABLES_LEGACY', 'required', 'tristate', `${NFCORE} → Netfilter legacy tables support`, 'Since 6.17 the legacy iptables tables are a separate option; the legacy iptables command this system uses needs them.', { gate: { op: '>=', version: [6, 17] }, onlyWithLegacyIptables: true }),
  o('IP_NF_IPTABLES_LEGACY', 'required', 'tristate', `${IP4} → Legacy IP tables support`, 'Since 6.17 the legacy iptables tables are a separate option; the legacy iptables command this system uses needs them.', { gate: { op: '>=', version: [6, 17] }, onlyWithLegacyIptables: true }),
];

/** Storage drivers: one of these must work (checked as a set, listed per option). */
export const STORAGE_OPTIONS: readonly KernelOption[] = [
  o('OVERLAY_FS', 'required', 'tristate', `${FS} → Overlay filesystem support`, 'overlay2, the usual storage driver, stacks image layers with overlayfs.'),
  o('BTRFS_FS', 'required', 'tristate', `${FS} → Btrfs filesystem support`, 'The btrfs storage driver keeps layers as btrfs subvolumes (only when Docker\'s data lives on btrfs).'),
  o('BTRFS_FS_POSIX_ACL', 'required', 'bool', `${FS} → Btrfs filesystem support → Btrfs POSIX Access Control Lists`, 'The btrfs storage driver needs POSIX ACLs on btrfs.'),
];

/** Options that limit or harden containers (warn when missing). */
export const OPTIONAL_OPTIONS: readonly KernelOption[] = [
  o('USER_NS', 'optional', 'bool', `${NS} → User namespace`, 'User namespaces make rootless engines and userns-remap possible.'),
  o('SECCOMP', 'optional', 'bool', 'General architecture-dependent options → Enable seccomp to safely execute untrusted bytecode', 'The default seccomp profile blocks dangerous system calls in containers.'),
  o('SECCOMP_FILTER', 'optional', 'bool', 'General architecture-dependent options (selected with SECCOMP on most architectures)', 'Seccomp profiles are filters; without this the engine runs containers unconfined.', { label: 'seccomp filters (automatic with seccomp)' }),
  o('CGROUP_PIDS', 'optional', 'bool', `${CG} → PIDs controller`, 'Limits the number of processes in a container (--pids-limit), a guard against fork bombs in builds.'),
  o('MEMCG_SWAP', 'optional', 'bool', `${CG} → Memory controller → Swap controller`, 'Lets --memory-swap limit swap use of a container; newer kernels always account swap.', { gate: { op: '<', version: [6, 1] } }),
  o('BLK_CGROUP', 'optional', 'bool', `${CG} → IO controller`, 'Limits and weights block I/O per container (--blkio-weight, --device-read-bps).'),
  o('BLK_DEV_THROTTLING', 'optional', 'bool', 'Enable the block layer → Block layer bio throttling support', 'Needed for I/O rate limits per container.'),
  o('CGROUP_PERF', 'optional', 'bool', `${CG} → Perf controller`, 'Lets perf monitor a container\'s processes as a group.'),
  o('CGROUP_HUGETLB', 'optional', 'bool', `${CG} → HugeTLB controller`, 'Limits huge page use per container.'),
  o('NET_CLS_CGROUP', 'optional', 'tristate', `${NET} → QoS and/or fair queueing → Control Group Classifier`, 'Classifies container traffic for traffic control.'),
  o('CGROUP_NET_PRIO', 'optional', 'bool', `${NET} → Network priority cgroup`, 'Sets network priorities per container.'),
  o('CFS_BANDWIDTH', 'optional', 'bool', `${CG} → CPU controller → Group scheduling for SCHED_OTHER → CPU bandwidth provisioning for FAIR_GROUP_SCHED`, 'Needed for CPU quotas (--cpus): without it a build container can take every CPU.'),
  o('FAIR_GROUP_SCHED', 'optional', 'bool', `${CG} → CPU controller → Group scheduling for SCHED_OTHER`, 'Needed for CPU shares and quotas per container.'),
  o('IP_NF_TARGET_REDIRECT', 'optional', 'tristate', `${IP4T} → iptables NAT support → REDIRECT target support`, 'Used by the userland-proxy-less port publishing and by some network setups.'),
  o('IP_VS', 'optional', 'tristate', IPVS, IPVS_WHY),
  o('IP_VS_NFCT', 'optional', 'bool', `${IPVS} → Netfilter connection tracking`, IPVS_WHY),
  o('IP_VS_PROTO_TCP', 'optional', 'bool', `${IPVS} → TCP load balancing support`, IPVS_WHY),
  o('IP_VS_PROTO_UDP', 'optional', 'bool', `${IPVS} → UDP load balancing support`, IPVS_WHY),
  o('IP_VS_RR', 'optional', 'tristate', `${IPVS} → round-robin scheduling`, IPVS_WHY),
  o('NF_TABLES', 'optional', 'tristate', `${NFCORE} → Netfilter nf_tables support`, NFT_WHY),
  o('NFT_CT', 'optional', 'tristate', `${NFCORE} → Netfilter nf_tables conntrack module`, NFT_WHY),
  o('NFT_MASQ', 'optional', 'tristate', `${NFCORE} → Netfilter nf_tables masquerade support`, NFT_WHY),
  o('NFT_NAT', 'optional', 'tristate', `${NFCORE} → Netfilter nf_tables nat module`, NFT_WHY),
  o('NFT_FIB', 'optional', 'tristate', `${NFCORE} (selected by NFT_FIB_IPV4 / NFT_FIB_IPV6)`, NFT_WHY, { label: 'nf_tables fib lookups (automatic)' }),
  o('NFT_FIB_IPV4', 'optional', 'tristate', `${IP4} → nf_tables fib / route lookup support (IPv4)`, NFT_WHY),
  o('NFT_FIB_IPV6', 'optional', 'tristate', `${NF} → IPv6: Netfilter Configuration → nf_tables fib / route lookup support (IPv6)`, NFT_WHY),
  o('EXT4_FS', 'optional', 'tristate', `${FS} → The Extended 4 (ext4) filesystem`, 'overlay2 is tested most on ext4 and xfs as the backing filesystem.'),
  o('EXT4_FS_POSIX_ACL', 'optional', 'bool', `${FS} → The Extended 4 (ext4) filesystem → Ext4 POSIX Access Control Lists`, 'Images that carry ACLs need them on the backing filesystem.'),
  o('EXT4_FS_SECURITY', 'optional', 'bool', `${FS} → The Extended 4 (ext4) filesystem → Ext4 Security Labels`, 'File capabilities (e.g. ping\'s cap_net_raw) live in security xattrs; without them images lose them.'),
];

/** Security modules: informational, either one can confine containers. */
export const SECURITY_OPTIONS: readonly KernelOption[] = [
  o('SECURITY_SELINUX', 'security', 'bool', `${SEC} → SELinux Support`, 'SELinux can confine containers (Docker\'s --selinux-enabled).'),
  o('SECURITY_APPARMOR', 'security', 'bool', `${SEC} → AppArmor support`, 'AppArmor can confine containers (Docker\'s docker-default profile).'),
];

const OVERLAY_NET = 'overlay networks (swarm, multi-host)';
const ENCRYPTED = 'encrypted overlay networks';

/** Network drivers: only the feature named needs them (info). */
export const NETWORK_OPTIONS: readonly KernelOption[] = [
  o('VXLAN', 'network', 'tristate', `${NETDEV} → Virtual eXtensible Local Area Network (VXLAN)`, 'Overlay networks tunnel container traffic in VXLAN.', { feature: OVERLAY_NET }),
  o('BRIDGE_VLAN_FILTERING', 'network', 'bool', `${NET} → 802.1d Ethernet Bridging → VLAN filtering`, 'Overlay networks filter VLANs on the bridge.', { feature: OVERLAY_NET }),
  o('CRYPTO', 'network', 'tristate', CRYPTO, 'Encrypted overlay networks use the kernel crypto API.', { feature: ENCRYPTED }),
  o('CRYPTO_AEAD', 'network', 'tristate', `${CRYPTO} (selected by the AEAD ciphers below)`, 'Encrypted overlay networks use AEAD ciphers.', { feature: ENCRYPTED, label: 'AEAD cipher support (automatic)' }),
  o('CRYPTO_GCM', 'network', 'tristate', `${CRYPTO} → AEAD (authenticated encryption with associated data) ciphers → GCM (Galois/Counter Mode) and GMAC`, 'Encrypted overlay networks use AES-GCM.', { feature: ENCRYPTED }),
  o('CRYPTO_SEQIV', 'network', 'tristate', `${CRYPTO} → AEAD (authenticated encryption with associated data) ciphers → Sequence Number IV Generator`, 'ESP in encrypted overlays needs sequence-number IVs.', { feature: ENCRYPTED }),
  o('CRYPTO_GHASH', 'network', 'tristate', `${CRYPTO} → Hashes, digests, and MACs → GHASH`, 'GCM authenticates with GHASH.', { feature: ENCRYPTED }),
  o('XFRM', 'network', 'bool', `${NET} (selected by XFRM_USER)`, 'Encrypted overlays use IPsec transforms.', { feature: ENCRYPTED, label: 'IPsec transforms (automatic)' }),
  o('XFRM_USER', 'network', 'tristate', `${NET} → Transformation user configuration interface`, 'The engine programs IPsec through this interface.', { feature: ENCRYPTED }),
  o('XFRM_ALGO', 'network', 'tristate', `${NET} (selected by XFRM_USER)`, 'IPsec algorithms for encrypted overlays.', { feature: ENCRYPTED, label: 'IPsec algorithms (automatic)' }),
  o('INET_ESP', 'network', 'tristate', `${NET} → TCP/IP networking → IP: ESP transformation`, 'Encrypted overlays carry traffic in ESP.', { feature: ENCRYPTED }),
  o('IPVLAN', 'network', 'tristate', `${NETDEV} → IP-VLAN support`, 'Only for networks created with the ipvlan driver.', { feature: 'the ipvlan network driver' }),
  o('MACVLAN', 'network', 'tristate', `${NETDEV} → MAC-VLAN support`, 'Only for networks created with the macvlan driver.', { feature: 'the macvlan network driver' }),
  o('DUMMY', 'network', 'tristate', `${NETDEV} → Dummy net driver support`, 'macvlan networks without a parent interface use a dummy link.', { feature: 'the macvlan network driver' }),
  o('NF_NAT_FTP', 'network', 'tristate', `${NFCORE} (selected by FTP protocol support with NAT)`, 'FTP through NAT needs a helper.', { feature: 'FTP from containers behind NAT', label: 'FTP NAT helper (automatic)' }),
  o('NF_CONNTRACK_FTP', 'network', 'tristate', `${NFCORE} → FTP protocol support`, 'FTP through NAT needs a helper.', { feature: 'FTP from containers behind NAT' }),
  o('NF_NAT_TFTP', 'network', 'tristate', `${NFCORE} (selected by TFTP protocol support with NAT)`, 'TFTP through NAT needs a helper.', { feature: 'TFTP from containers behind NAT', label: 'TFTP NAT helper (automatic)' }),
  o('NF_CONNTRACK_TFTP', 'network', 'tristate', `${NFCORE} → TFTP protocol support`, 'TFTP through NAT needs a helper.', { feature: 'TFTP from containers behind NAT' }),
];

/** Options rootless engines need beyond the required set. */
export const ROOTLESS_OPTIONS: Readonly<Record<'USER_NS' | 'TUN' | 'OVERLAY_FS' | 'FUSE_FS', KernelOption>> = {
  USER_NS: OPTIONAL_OPTIONS.find((x) => x.symbol === 'USER_NS')!,
  TUN: o('TUN', 'optional', 'tristate', `${NETDEV} → Universal TUN/TAP device driver support`, 'Rootless networking (slirp4netns, pasta) talks to containers through a TAP device.'),
  OVERLAY_FS: STORAGE_OPTIONS.find((x) => x.symbol === 'OVERLAY_FS')!,
  FUSE_FS: o('FUSE_FS', 'optional', 'tristate', `${FS} → FUSE (Filesystem in Userspace) support`, 'Before 5.11 rootless engines stack layers with fuse-overlayfs.'),
};

/** The symbols that say how vsyscalls are handled (a menuconfig choice). */
export const VSYSCALL_MENU = 'Processor type and features → vsyscall table for legacy applications';

/** IKCONFIG(_PROC): what makes /proc/config.gz exist. */
export const IKCONFIG_MENU = `${GS} → Kernel .config support → Enable access to .config through /proc/config.gz`;
