// Command cri-probe starts one pod sandbox and one container in it through a runtime's CRI v1 API,
// as kubelet would, and reports what it got: a check that a node's containerd serves CRI v1 with its
// configured sandbox image and the node's CNI, without a kubelet (crictl is not in Debian).
//
//	cri-probe [-socket /run/containerd/containerd.sock] -image IMAGE [-command /pause]
//
// It prints the runtime's name and versions, the sandbox's address and the container's state, removes
// what it made, and exits 1 naming the call that failed.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	runtimeapi "k8s.io/cri-api/pkg/apis/runtime/v1"
)

func main() {
	socket := flag.String("socket", "/run/containerd/containerd.sock", "the runtime's CRI socket")
	image := flag.String("image", "", "image of the container (already in the runtime's image store)")
	command := flag.String("command", "/pause", "the container's command")
	flag.Parse()
	if *image == "" {
		fmt.Fprintln(os.Stderr, "cri-probe: -image is required")
		os.Exit(2)
	}
	if err := probe(*socket, *image, *command); err != nil {
		fmt.Fprintln(os.Stderr, "cri-probe:", err)
		os.Exit(1)
	}
}

func probe(socket, image, command string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	conn, err := grpc.DialContext(ctx, "unix://"+socket, grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithBlock())
	if err != nil {
		return fmt.Errorf("connect %s: %w", socket, err)
	}
	defer conn.Close()
	rt := runtimeapi.NewRuntimeServiceClient(conn)

	v, err := rt.Version(ctx, &runtimeapi.VersionRequest{})
	if err != nil {
		return fmt.Errorf("Version: %w", err)
	}
	fmt.Printf("runtime %s %s, CRI %s\n", v.RuntimeName, v.RuntimeVersion, v.RuntimeApiVersion)

	sandboxConfig := &runtimeapi.PodSandboxConfig{
		Metadata:     &runtimeapi.PodSandboxMetadata{Name: "cri-probe", Namespace: "dind-cluster", Uid: fmt.Sprintf("cri-probe-%d", os.Getpid())},
		Hostname:     "cri-probe",
		LogDirectory: "/var/log/pods/cri-probe",
		Linux:        &runtimeapi.LinuxPodSandboxConfig{},
	}
	sandbox, err := rt.RunPodSandbox(ctx, &runtimeapi.RunPodSandboxRequest{Config: sandboxConfig})
	if err != nil {
		return fmt.Errorf("RunPodSandbox: %w", err)
	}
	defer func() {
		rt.StopPodSandbox(context.Background(), &runtimeapi.StopPodSandboxRequest{PodSandboxId: sandbox.PodSandboxId})
		rt.RemovePodSandbox(context.Background(), &runtimeapi.RemovePodSandboxRequest{PodSandboxId: sandbox.PodSandboxId})
	}()
	status, err := rt.PodSandboxStatus(ctx, &runtimeapi.PodSandboxStatusRequest{PodSandboxId: sandbox.PodSandboxId})
	if err != nil {
		return fmt.Errorf("PodSandboxStatus: %w", err)
	}
	ip := ""
	if status.Status.Network != nil {
		ip = status.Status.Network.Ip
	}
	fmt.Printf("sandbox %.12s %s, ip %s\n", sandbox.PodSandboxId, status.Status.State, ip)

	created, err := rt.CreateContainer(ctx, &runtimeapi.CreateContainerRequest{
		PodSandboxId: sandbox.PodSandboxId,
		Config: &runtimeapi.ContainerConfig{
			Metadata: &runtimeapi.ContainerMetadata{Name: "probe"},
			Image:    &runtimeapi.ImageSpec{Image: image},
			Command:  []string{command},
			LogPath:  "probe.log",
			Linux:    &runtimeapi.LinuxContainerConfig{},
		},
		SandboxConfig: sandboxConfig,
	})
	if err != nil {
		return fmt.Errorf("CreateContainer: %w", err)
	}
	if _, err := rt.StartContainer(ctx, &runtimeapi.StartContainerRequest{ContainerId: created.ContainerId}); err != nil {
		return fmt.Errorf("StartContainer: %w", err)
	}
	cs, err := rt.ContainerStatus(ctx, &runtimeapi.ContainerStatusRequest{ContainerId: created.ContainerId})
	if err != nil {
		return fmt.Errorf("ContainerStatus: %w", err)
	}
	fmt.Printf("container %.12s %s, image %s\n", created.ContainerId, cs.Status.State, cs.Status.Image.GetImage())
	if cs.Status.State != runtimeapi.ContainerState_CONTAINER_RUNNING {
		return fmt.Errorf("the container is %s, not running", cs.Status.State)
	}
	rt.StopContainer(ctx, &runtimeapi.StopContainerRequest{ContainerId: created.ContainerId, Timeout: 2})
	rt.RemoveContainer(ctx, &runtimeapi.RemoveContainerRequest{ContainerId: created.ContainerId})
	return nil
}
