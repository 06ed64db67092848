// Command local-volumes provisions node-local persistent volumes for an offline dind-cluster.
//
// One instance runs on every node (a DaemonSet with the node's volume directory mounted at the same
// path). A claim of a StorageClass whose provisioner is dev.dindcluster/local waits for its first
// pod (WaitForFirstConsumer): the scheduler then writes the chosen node into the claim, and the
// instance on that node makes a directory for it under --base-dir and a "local" PersistentVolume
// bound to the claim and pinned to the node. The directory lives on the node container's volume,
// so data survives pod deletion and a cluster's down/up. When a claim of a Delete class goes away,
// the same instance removes the directory and the volume; with Retain both stay.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	v1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	storagelisters "k8s.io/client-go/listers/storage/v1"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
)

const (
	provisionerName = "dev.dindcluster/local"
	// Written by the scheduler (WaitForFirstConsumer) and by the PV controller on claims.
	annSelectedNode         = "volume.kubernetes.io/selected-node"
	annStorageProvisioner   = "volume.kubernetes.io/storage-provisioner"
	annBetaStorageProvision = "volume.beta.kubernetes.io/storage-provisioner"
	annProvisionedBy        = "pv.kubernetes.io/provisioned-by"
	hostnameLabel           = "kubernetes.io/hostname"
)

type provisioner struct {
	client    kubernetes.Interface
	classes   storagelisters.StorageClassLister
	node      string
	baseDir   string
	mkdir     func(path string) error
	removeAll func(path string) error
}

// claimChanged provisions a volume for a pending claim of our class placed on this node.
func (p *provisioner) claimChanged(ctx context.Context, pvc *v1.PersistentVolumeClaim) error {
	if pvc.Spec.VolumeName != "" || pvc.Status.Phase != v1.ClaimPending || pvc.DeletionTimestamp != nil {
		return nil
	}
	if pvc.Annotations[annSelectedNode] != p.node {
		return nil
	}
	if pvc.Annotations[annStorageProvisioner] != provisionerName && pvc.Annotations[annBetaStorageProvision] != provisionerName {
		return nil
	}
	if pvc.Spec.StorageClassName == nil {
		return nil
	}
	class, err := p.classes.Get(*pvc.Spec.StorageClassName)
	if err != nil {
		return fmt.Errorf("claim %s/%s: storage class %q: %v", pvc.Namespace, pvc.Name, *pvc.Spec.StorageClassName, err)
	}
	if class.Provisioner != provisionerName {
		return nil
	}
	if pvc.Spec.VolumeMode != nil && *pvc.Spec.VolumeMode == v1.PersistentVolumeBlock {
		return fmt.Errorf("claim %s/%s asks for a block device; %s gives directories only", pvc.Namespace, pvc.Name, provisionerName)
	}
	pv := p.volumeFor(pvc, class)
	if err := p.mkdir(pv.Spec.Local.Path); err != nil {
		return fmt.Errorf("claim %s/%s: %v", pvc.Namespace, pvc.Name, err)
	}
	_, err = p.client.CoreV1().PersistentVolumes().Create(ctx, pv, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	if err == nil {
		log.Printf("provisioned %s for claim %s/%s at %s", pv.Name, pvc.Namespace, pvc.Name, pv.Spec.Local.Path)
	}
	return err
}

func (p *provisioner) volumeFor(pvc *v1.PersistentVolumeClaim, class *storagev1.StorageClass) *v1.PersistentVolume {
	name := "pvc-" + string(pvc.UID)
	reclaim := v1.PersistentVolumeReclaimDelete
	if class.ReclaimPolicy != nil {
		reclaim = *class.ReclaimPolicy
	}
	filesystem := v1.PersistentVolumeFilesystem
	capacity := pvc.Spec.Resources.Requests[v1.ResourceStorage]
	return &v1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{
			Name:        name,
			Annotations: map[string]string{annProvisionedBy: provisionerName},
			Labels:      map[string]string{"dev.dindcluster/node": p.node},
		},
		Spec: v1.PersistentVolumeSpec{
			Capacity:                      v1.ResourceList{v1.ResourceStorage: capacity},
			AccessModes:                   pvc.Spec.AccessModes,
			PersistentVolumeReclaimPolicy: reclaim,
			StorageClassName:              class.Name,
			MountOptions:                  class.MountOptions,
			VolumeMode:                    &filesystem,
			ClaimRef: &v1.ObjectReference{
				Kind: "PersistentVolumeClaim", APIVersion: "v1",
				Namespace: pvc.Namespace, Name: pvc.Name, UID: pvc.UID, ResourceVersion: pvc.ResourceVersion,
			},
			PersistentVolumeSource: v1.PersistentVolumeSource{Local: &v1.LocalVolumeSource{Path: filepath.Join(p.baseDir, name)}},
			NodeAffinity: &v1.VolumeNodeAffinity{Required: &v1.NodeSelector{NodeSelectorTerms: []v1.NodeSelectorTerm{{
				MatchExpressions: []v1.NodeSelectorRequirement{{Key: hostnameLabel, Operator: v1.NodeSelectorOpIn, Values: []string{p.node}}},
			}}}},
		},
	}
}

// volumeChanged removes a released volume of a Delete class that lives on this node.
func (p *provisioner) volumeChanged(ctx context.Context, pv *v1.PersistentVolume) error {
	if pv.Annotations[annProvisionedBy] != provisionerName || pv.Status.Phase != v1.VolumeReleased ||
		pv.Spec.PersistentVolumeReclaimPolicy != v1.PersistentVolumeReclaimDelete || pv.DeletionTimestamp != nil {
		return nil
	}
	if pv.Spec.Local == nil || filepath.Dir(pv.Spec.Local.Path) != p.baseDir || nodeOf(pv) != p.node {
		return nil
	}
	if err := p.removeAll(pv.Spec.Local.Path); err != nil {
		return fmt.Errorf("volume %s: %v", pv.Name, err)
	}
	err := p.client.CoreV1().PersistentVolumes().Delete(ctx, pv.Name, metav1.DeleteOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err == nil {
		log.Printf("deleted %s and %s (claim released)", pv.Name, pv.Spec.Local.Path)
	}
	return err
}

// nodeOf is the node a volume is pinned to, or "".
func nodeOf(pv *v1.PersistentVolume) string {
	if pv.Spec.NodeAffinity == nil || pv.Spec.NodeAffinity.Required == nil {
		return ""
	}
	for _, term := range pv.Spec.NodeAffinity.Required.NodeSelectorTerms {
		for _, e := range term.MatchExpressions {
			if e.Key == hostnameLabel && e.Operator == v1.NodeSelectorOpIn && len(e.Values) == 1 {
				return e.Values[0]
			}
		}
	}
	return ""
}

// makeDir creates a volume directory every pod may write to, whatever user it runs as.
func makeDir(path string) error {
	if err := os.MkdirAll(path, 0o777); err != nil {
		return err
	}
	return os.Chmod(path, 0o777)
}

func main() {
	node := flag.String("node", os.Getenv("NODE_NAME"), "this node's name (default $NODE_NAME)")
	baseDir := flag.String("base-dir", "/var/lib/dind-local-volumes", "directory of the volumes on the node, mounted at the same path")
	health := flag.String("health", ":8054", "HTTP address of /healthz (200 once the caches are synced)")
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig file (default: in-cluster service account)")
	flag.Parse()
	if *node == "" {
		log.Fatal("no node name: pass --node or set NODE_NAME")
	}
	if !filepath.IsAbs(*baseDir) || strings.Contains(*baseDir, "..") {
		log.Fatalf("--base-dir %q must be an absolute path without '..'", *baseDir)
	}
	cfg, err := restConfig(*kubeconfig)
	if err != nil {
		log.Fatalf("kubernetes client config: %v", err)
	}
	client := kubernetes.NewForConfigOrDie(cfg)
	// A periodic resync retries what failed (e.g. the API server restarting during a restore).
	factory := informers.NewSharedInformerFactory(client, 15*time.Second)
	p := &provisioner{
		client: client, classes: factory.Storage().V1().StorageClasses().Lister(), node: *node,
		baseDir: filepath.Clean(*baseDir), mkdir: makeDir, removeAll: os.RemoveAll,
	}
	ctx := context.Background()
	report := func(err error) {
		if err != nil {
			log.Print(err)
		}
	}
	factory.Core().V1().PersistentVolumeClaims().Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj interface{}) { report(p.claimChanged(ctx, obj.(*v1.PersistentVolumeClaim))) },
		UpdateFunc: func(_, obj interface{}) { report(p.claimChanged(ctx, obj.(*v1.PersistentVolumeClaim))) },
	})
	factory.Core().V1().PersistentVolumes().Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj interface{}) { report(p.volumeChanged(ctx, obj.(*v1.PersistentVolume))) },
		UpdateFunc: func(_, obj interface{}) { report(p.volumeChanged(ctx, obj.(*v1.PersistentVolume))) },
	})
	stop := make(chan struct{})
	factory.Start(stop)
	var synced atomic.Value
	synced.Store(false)
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		if !synced.Load().(bool) {
			http.Error(w, "caches not synced", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	go func() { log.Fatal(http.ListenAndServe(*health, nil)) }()
	for typ, ok := range factory.WaitForCacheSync(stop) {
		if !ok {
			log.Fatalf("cache for %v did not sync", typ)
		}
	}
	synced.Store(true)
	log.Printf("provisioning %s volumes of node %s under %s", provisionerName, *node, p.baseDir)
	select {}
}

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
	return cfg, nil
}
