// Command cluster-dns is a small authoritative DNS server for a Kubernetes cluster domain, for
// offline clusters where no CoreDNS image can be pulled. It answers from client-go informers:
//
//	<svc>.<ns>.svc.<domain>                 A: ClusterIP, or the ready endpoint IPs of a headless service;
//	                                        CNAME: the target of an ExternalName service
//	<host>.<svc>.<ns>.svc.<domain>          A: the endpoint of a headless service with that hostname
//	                                        (or that dashed IP)
//	_<port>._<proto>.<svc>.<ns>.svc.<domain> SRV for a named service port
//	<a-b-c-d>.<ns>.pod.<domain>             A: the IP written in the name
//	<reversed ip>.in-addr.arpa              PTR for ClusterIPs, headless endpoints and endpoints with a
//	<nibbles>.ip6.arpa                      hostname, IPv4 and IPv6 (every ClusterIP of a dual-stack
//	                                        service)
//
// Unknown names in the cluster domain get NXDOMAIN (not SERVFAIL: resolvers then stop at once
// instead of retrying), known names asked for another type get an empty NOERROR answer. Every other
// name, and reverse names of addresses that are not the cluster's, is forwarded to the node's
// resolver (the nameservers of --resolv-conf; with hostNetwork that is the node's own file: docker's
// resolver, or in an IPv6-only cluster the DNS64 server, so pods get synthesized addresses for IPv4
// names without special configuration). Responses set RA because glibc and some test suites treat a
// reply without it as a broken resolver.
//
// At start it checks, as CoreDNS's loop plugin does, that a forwarded question does not come back to
// itself (a pod whose inherited resolv.conf names a loopback resolver: its own address), and exits
// saying so. Given CoreDNS's own flag -conf (as kubeadm's CoreDNS Deployment passes it), it takes
// CoreDNS's ports too (/health on :8080, /ready on :8181) and the cluster domain of the Corefile's
// kubernetes block, so that its image stands in for kubeadm's CoreDNS add-on, loop halt included.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miekg/dns"
	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	listers "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

const ttl = 5

type server struct {
	domain    string // "cluster.local."
	services  listers.ServiceLister
	endpoints listers.EndpointsLister
	upstreams []string // "ip:53" of the node's resolvers; empty: nothing is forwarded
	exchange  func(req *dns.Msg, upstream, network string) (*dns.Msg, error)
	loopProbe atomic.Value // the name loopCheck asks upstream; a query for it here means a loop
	looped    int32
}

func main() {
	domain := flag.String("domain", "cluster.local", "cluster domain")
	listen := flag.String("listen", ":53", "DNS address (UDP and TCP)")
	health := flag.String("health", ":8080", "HTTP address of /healthz (200 once the caches are synced)")
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig file (default: in-cluster service account)")
	resolvConf := flag.String("resolv-conf", "/etc/resolv.conf", "where the nameservers to forward other names to are listed (empty: forward nothing)")
	corefile := flag.String("conf", "", "CoreDNS's flag: answer as kubeadm's CoreDNS add-on does (health :8080/health, ready :8181/ready, the domain of this Corefile's kubernetes block)")
	flag.Parse()
	healthPath, ready := "/healthz", ""
	if *corefile != "" {
		zone, err := corefileDomain(*corefile)
		if err != nil {
			log.Fatalf("-conf: %v", err)
		}
		*domain, *health, healthPath, ready = zone, ":8080", "/health", ":8181"
	}

	var upstreams []string
	if *resolvConf != "" {
		if cc, err := dns.ClientConfigFromFile(*resolvConf); err != nil {
			log.Printf("not forwarding: %v", err)
		} else {
			upstreams = nameservers(cc.Servers, cc.Port)
		}
	}

	cfg, err := restConfig(*kubeconfig)
	if err != nil {
		log.Fatalf("kubernetes client config: %v", err)
	}
	client := kubernetes.NewForConfigOrDie(cfg)
	factory := informers.NewSharedInformerFactory(client, 10*time.Minute)
	s := &server{
		domain:    dns.Fqdn(strings.ToLower(*domain)),
		services:  factory.Core().V1().Services().Lister(),
		endpoints: factory.Core().V1().Endpoints().Lister(),
		upstreams: upstreams,
		exchange:  exchange,
	}
	stop := make(chan struct{})
	factory.Start(stop)
	var synced atomic.Value
	synced.Store(false)
	whenSynced := func(w http.ResponseWriter, _ *http.Request) {
		if !synced.Load().(bool) {
			http.Error(w, "caches not synced", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	}
	healthMux := http.NewServeMux()
	healthMux.HandleFunc(healthPath, whenSynced)
	go func() { log.Fatal(http.ListenAndServe(*health, healthMux)) }()
	if ready != "" {
		readyMux := http.NewServeMux()
		readyMux.HandleFunc("/ready", whenSynced)
		go func() { log.Fatal(http.ListenAndServe(ready, readyMux)) }()
	}
	for typ, ok := range factory.WaitForCacheSync(stop) {
		if !ok {
			log.Fatalf("cache for %v did not sync", typ)
		}
	}
	synced.Store(true)

	dns.HandleFunc(".", s.handle)
	var listening sync.WaitGroup
	for _, proto := range []string{"udp", "tcp"} {
		listening.Add(1)
		srv := &dns.Server{Addr: *listen, Net: proto, NotifyStartedFunc: listening.Done}
		go func() { log.Fatal(srv.ListenAndServe()) }()
	}
	listening.Wait()
	if err := s.loopCheck(); err != nil {
		log.Fatal(err)
	}
	log.Printf("serving %s on %s (udp, tcp); forwarding other names to %v", s.domain, *listen, s.upstreams)
	select {}
}

// restConfig dials the API server with a short timeout: a DNS server that hangs on a dead API
// endpoint for minutes keeps the whole cluster's lookups waiting.
func restConfig(kubeconfig string) (*rest.Config, error) {
	var cfg *rest.Config
	var err error
	if kubeconfig != "" {
		cfg, err = clientcmd.BuildConfigFromFlags("", kubeconfig)
	} else {
		cfg, err = rest.InClusterConfig()
	}
	if err != nil {
		return nil, err
	}
	cfg.Timeout = 15 * time.Second
	cfg.Dial = (&net.Dialer{Timeout: 3 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return cfg, nil
}

// nameservers turns resolv.conf's servers into host:port addresses.
func nameservers(servers []string, port string) []string {
	var out []string
	for _, srv := range servers {
		out = append(out, net.JoinHostPort(srv, port))
	}
	return out
}

func exchange(req *dns.Msg, upstream, network string) (*dns.Msg, error) {
	c := &dns.Client{Net: network, Timeout: 2 * time.Second}
	resp, _, err := c.Exchange(req, upstream)
	return resp, err
}

func (s *server) handle(w dns.ResponseWriter, req *dns.Msg) {
	w.WriteMsg(s.answer(req, w.LocalAddr().Network() == "udp"))
}

// loopCheck asks each upstream for a random name no one else would ask; if that question reaches
// this server, forwarding goes in a circle and every outside name would hang until it timed out.
func (s *server) loopCheck() error {
	probe := fmt.Sprintf("%d.%d.dind-loop-check.", rand.Int63(), rand.Int63())
	s.loopProbe.Store(probe)
	for _, upstream := range s.upstreams {
		req := new(dns.Msg)
		req.SetQuestion(probe, dns.TypeHINFO)
		s.exchange(req, upstream, "udp") // any answer, or none: only whether it came back here counts
		if atomic.LoadInt32(&s.looped) > 0 {
			return fmt.Errorf("Loop (-> %s) detected for zone \".\": a question forwarded to %s came back to this server"+
				" (its resolv.conf names its own address); give it a resolver it can reach", upstream, upstream)
		}
	}
	return nil
}

// isLoopProbe says whether a question is loopCheck's own, coming back.
func (s *server) isLoopProbe(name string) bool {
	probe, _ := s.loopProbe.Load().(string)
	if probe == "" || !strings.EqualFold(name, probe) {
		return false
	}
	atomic.AddInt32(&s.looped, 1)
	return true
}

// corefileDomain is the first zone of the Corefile's kubernetes block ("kubernetes cluster.local
// in-addr.arpa ip6.arpa {" in kubeadm's), the cluster domain.
func corefileDomain(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		if len(fields) >= 2 && fields[0] == "kubernetes" {
			return fields[1], nil
		}
	}
	if err := lines.Err(); err != nil {
		return "", err
	}
	return "", errors.New(path + " has no kubernetes block")
}

// answer is the reply to one query: from the cluster's objects, or the node's resolver's reply.
func (s *server) answer(req *dns.Msg, udp bool) *dns.Msg {
	m := new(dns.Msg)
	m.SetReply(req)
	m.Authoritative = true
	m.RecursionAvailable = true
	if len(req.Question) != 1 {
		m.Rcode = dns.RcodeFormatError
		return m
	}
	q := req.Question[0]
	name := strings.ToLower(q.Name)
	if s.isLoopProbe(name) {
		m.Rcode = dns.RcodeNameError
		return m
	}
	var found bool
	switch {
	case strings.HasSuffix(name, ".in-addr.arpa.") || strings.HasSuffix(name, ".ip6.arpa."):
		found = s.reverse(m, q, name)
		if !found {
			if fwd := s.forwardUpstream(req, udp); fwd != nil {
				return fwd
			}
		}
	case name == s.domain || strings.HasSuffix(name, "."+s.domain):
		found = s.forward(m, q, strings.TrimSuffix(strings.TrimSuffix(name, s.domain), "."))
	default:
		if fwd := s.forwardUpstream(req, udp); fwd != nil {
			return fwd
		}
	}
	if !found {
		m.Rcode = dns.RcodeNameError
	}
	if len(m.Answer) == 0 {
		m.Ns = []dns.RR{s.soa()}
	}
	fit(m, req, udp)
	return m
}

// forwardUpstream asks the node's resolvers in turn and relays the first reply (a truncated UDP
// reply is relayed as is: the client retries over TCP, and so do we then). It is nil when no
// resolver is configured (the name is then unknown here), SERVFAIL when none answered.
func (s *server) forwardUpstream(req *dns.Msg, udp bool) *dns.Msg {
	if len(s.upstreams) == 0 {
		return nil
	}
	network := "tcp"
	if udp {
		network = "udp"
	}
	for _, upstream := range s.upstreams {
		resp, err := s.exchange(req, upstream, network)
		if err == nil && resp != nil {
			resp.Id = req.Id
			return resp
		}
	}
	m := new(dns.Msg)
	m.SetRcode(req, dns.RcodeServerFailure)
	m.RecursionAvailable = true
	return m
}

// fit keeps a UDP answer within what the client can take (512 bytes, or its EDNS0 buffer size),
// setting TC so it retries over TCP: a headless service with many endpoints exceeds 512 bytes.
func fit(m *dns.Msg, req *dns.Msg, udp bool) {
	m.Compress = true
	size := dns.MinMsgSize
	if opt := req.IsEdns0(); opt != nil {
		if s := int(opt.UDPSize()); s > size {
			size = s
		}
		if size > dns.DefaultMsgSize {
			size = dns.DefaultMsgSize
		}
		m.SetEdns0(uint16(size), false)
	}
	if !udp || m.Len() <= size {
		return
	}
	m.Truncated = true
	var opt []dns.RR
	if o := m.IsEdns0(); o != nil {
		opt = []dns.RR{o}
	}
	m.Extra = opt
	for len(m.Answer) > 0 && m.Len() > size {
		m.Answer = m.Answer[:len(m.Answer)-1]
	}
}

// forward answers a name inside the cluster domain given as labels without the domain; reports
// whether the name exists.
func (s *server) forward(m *dns.Msg, q dns.Question, rel string) bool {
	if rel == "" {
		if q.Qtype == dns.TypeSOA {
			m.Answer = append(m.Answer, s.soa())
		}
		return true
	}
	l := strings.Split(rel, ".")
	n := len(l)
	switch {
	case n == 3 && l[2] == "pod":
		// 10-244-1-2.<ns>.pod for IPv4, fd00-40--2.<ns>.pod for IPv6 (dashes for dots or colons).
		ip := net.ParseIP(strings.ReplaceAll(l[0], "-", "."))
		if ip == nil || ip.To4() == nil {
			ip = net.ParseIP(strings.ReplaceAll(l[0], "-", ":"))
		}
		if ip == nil {
			return false
		}
		s.addA(m, q, ip.String())
		return true
	case n == 1 && (l[0] == "svc" || l[0] == "pod"):
		return true
	case n == 2 && l[1] == "svc":
		_, err := s.services.Services(l[0]).List(labels.Everything())
		return err == nil
	case n == 3 && l[2] == "svc":
		return s.service(m, q, l[1], l[0])
	case n == 4 && l[3] == "svc":
		return s.endpoint(m, q, l[2], l[1], l[0])
	case n == 5 && l[4] == "svc" && strings.HasPrefix(l[0], "_") && strings.HasPrefix(l[1], "_"):
		return s.srv(m, q, l[3], l[2], l[0][1:], l[1][1:])
	}
	return false
}

func (s *server) service(m *dns.Msg, q dns.Question, ns, name string) bool {
	svc, err := s.services.Services(ns).Get(name)
	if err != nil {
		return false
	}
	switch {
	case svc.Spec.Type == v1.ServiceTypeExternalName:
		// Like CoreDNS: the CNAME whatever the type asked; the target is not chased (nothing outside).
		m.Answer = append(m.Answer, &dns.CNAME{Hdr: hdr(q.Name, dns.TypeCNAME), Target: dns.Fqdn(svc.Spec.ExternalName)})
	case len(clusterIPs(svc)) > 0:
		for _, ip := range clusterIPs(svc) {
			s.addA(m, q, ip)
		}
	default:
		s.eachEndpoint(ns, name, func(host, ip string) { s.addA(m, q, ip) })
	}
	return true
}

func (s *server) endpoint(m *dns.Msg, q dns.Question, ns, svcName, host string) bool {
	found := false
	s.eachEndpoint(ns, svcName, func(h, ip string) {
		if h == host {
			found = true
			s.addA(m, q, ip)
		}
	})
	return found
}

func (s *server) srv(m *dns.Msg, q dns.Question, ns, name, port, proto string) bool {
	svc, err := s.services.Services(ns).Get(name)
	if err != nil {
		return false
	}
	base := name + "." + ns + ".svc." + s.domain
	found := false
	for _, p := range svc.Spec.Ports {
		if p.Name != port || !strings.EqualFold(string(p.Protocol), proto) {
			continue
		}
		found = true
		if q.Qtype != dns.TypeSRV && q.Qtype != dns.TypeANY {
			continue
		}
		if svc.Spec.ClusterIP != v1.ClusterIPNone {
			m.Answer = append(m.Answer, &dns.SRV{Hdr: hdr(q.Name, dns.TypeSRV), Priority: 0, Weight: 100, Port: uint16(p.Port), Target: base})
			for _, ip := range clusterIPs(svc) {
				m.Extra = append(m.Extra, addressRR(base, net.ParseIP(ip)))
			}
			continue
		}
		s.eachEndpointPort(ns, name, port, func(host, ip string, epPort int32) {
			target := host + "." + base
			m.Answer = append(m.Answer, &dns.SRV{Hdr: hdr(q.Name, dns.TypeSRV), Priority: 0, Weight: 100, Port: uint16(epPort), Target: target})
			m.Extra = append(m.Extra, addressRR(target, net.ParseIP(ip)))
		})
	}
	return found
}

// reverse answers PTR queries for ClusterIPs, for the endpoints of headless services and for
// endpoints that have a hostname in any service (as CoreDNS does: a pod with hostname and subdomain
// is known by that name whichever service selects it).
func (s *server) reverse(m *dns.Msg, q dns.Question, name string) bool {
	ip := arpaToIP(name)
	if ip == nil {
		return false
	}
	svcs, _ := s.services.List(labels.Everything())
	found := false
	seen := map[string]bool{}
	add := func(target string) {
		found = true
		if !seen[target] {
			seen[target] = true
			s.addPTR(m, q, target)
		}
	}
	for _, svc := range svcs {
		base := svc.Name + "." + svc.Namespace + ".svc." + s.domain
		for _, cip := range clusterIPs(svc) {
			if ip.Equal(net.ParseIP(cip)) {
				add(base)
			}
		}
		headless := svc.Spec.ClusterIP == v1.ClusterIPNone
		ep, err := s.endpoints.Endpoints(svc.Namespace).Get(svc.Name)
		if err != nil {
			continue
		}
		for _, sub := range ep.Subsets {
			for _, a := range sub.Addresses {
				switch {
				case !ip.Equal(net.ParseIP(a.IP)):
				case a.Hostname != "":
					add(a.Hostname + "." + base)
				case headless:
					add(dashed(a.IP) + "." + base)
				}
			}
		}
	}
	return found
}

func (s *server) eachEndpoint(ns, name string, f func(host, ip string)) {
	s.eachEndpointPort(ns, name, "", func(host, ip string, _ int32) { f(host, ip) })
}

// eachEndpointPort calls f once per ready address (and, with a port name, per matching port).
func (s *server) eachEndpointPort(ns, name, port string, f func(host, ip string, port int32)) {
	ep, err := s.endpoints.Endpoints(ns).Get(name)
	if err != nil {
		return
	}
	seen := map[string]bool{}
	for _, sub := range ep.Subsets {
		for _, a := range sub.Addresses {
			host := a.Hostname
			if host == "" {
				host = dashed(a.IP)
			}
			if port == "" {
				if !seen[a.IP] {
					seen[a.IP] = true
					f(host, a.IP, 0)
				}
				continue
			}
			for _, p := range sub.Ports {
				if p.Name == port {
					f(host, a.IP, p.Port)
				}
			}
		}
	}
}

// addA answers an address query with ip: an A record for IPv4, AAAA for IPv6 (IPv6 and dual-stack
// clusters have IPv6 ClusterIPs and pod addresses); a query for the other family gets no answer.
func (s *server) addA(m *dns.Msg, q dns.Question, ip string) {
	parsed := net.ParseIP(ip)
	if parsed == nil {
		return
	}
	if parsed.To4() != nil && q.Qtype != dns.TypeA && q.Qtype != dns.TypeANY {
		return
	}
	if parsed.To4() == nil && q.Qtype != dns.TypeAAAA && q.Qtype != dns.TypeANY {
		return
	}
	m.Answer = append(m.Answer, addressRR(q.Name, parsed))
}

// addressRR is the A or AAAA record for ip under name.
func addressRR(name string, ip net.IP) dns.RR {
	if v4 := ip.To4(); v4 != nil {
		return &dns.A{Hdr: hdr(name, dns.TypeA), A: v4}
	}
	return &dns.AAAA{Hdr: hdr(name, dns.TypeAAAA), AAAA: ip}
}

func (s *server) addPTR(m *dns.Msg, q dns.Question, target string) {
	if q.Qtype == dns.TypePTR || q.Qtype == dns.TypeANY {
		m.Answer = append(m.Answer, &dns.PTR{Hdr: hdr(q.Name, dns.TypePTR), Ptr: target})
	}
}

func (s *server) soa() dns.RR {
	return &dns.SOA{Hdr: hdr(s.domain, dns.TypeSOA), Ns: "ns.dns." + s.domain, Mbox: "hostmaster." + s.domain,
		Serial: 1, Refresh: 7200, Retry: 1800, Expire: 86400, Minttl: ttl}
}

func hdr(name string, t uint16) dns.RR_Header {
	return dns.RR_Header{Name: name, Rrtype: t, Class: dns.ClassINET, Ttl: ttl}
}

// clusterIPs are the service's ClusterIPs, both families of a dual-stack one (none when headless).
func clusterIPs(svc *v1.Service) []string {
	ips := svc.Spec.ClusterIPs
	if len(ips) == 0 && svc.Spec.ClusterIP != "" {
		ips = []string{svc.Spec.ClusterIP}
	}
	var out []string
	for _, ip := range ips {
		if ip != "" && ip != v1.ClusterIPNone {
			out = append(out, ip)
		}
	}
	return out
}

// dashed is an address as a DNS label, as CoreDNS writes it: 10-244-1-2, fd00-40--2.
func dashed(ip string) string {
	return strings.NewReplacer(".", "-", ":", "-").Replace(ip)
}

// arpaToIP turns "4.3.2.1.in-addr.arpa." into 1.2.3.4 and the 32 nibbles of an ip6.arpa name into
// the IPv6 address (nil when the name is not a full address).
func arpaToIP(name string) net.IP {
	if strings.HasSuffix(name, ".ip6.arpa.") {
		l := strings.Split(strings.TrimSuffix(name, ".ip6.arpa."), ".")
		if len(l) != 32 {
			return nil
		}
		var hex strings.Builder
		for i := 31; i >= 0; i-- {
			if len(l[i]) != 1 || !strings.Contains("0123456789abcdef", l[i]) {
				return nil
			}
			hex.WriteString(l[i])
			if i%4 == 0 && i > 0 {
				hex.WriteByte(':')
			}
		}
		return net.ParseIP(hex.String())
	}
	l := strings.Split(strings.TrimSuffix(name, ".in-addr.arpa."), ".")
	if len(l) != 4 {
		return nil
	}
	for i, j := 0, 3; i < j; i, j = i+1, j-1 {
		l[i], l[j] = l[j], l[i]
	}
	ip := net.ParseIP(strings.Join(l, "."))
	if ip == nil || ip.To4() == nil {
		return nil
	}
	return ip
}
