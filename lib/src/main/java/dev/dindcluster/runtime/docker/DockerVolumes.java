package dev.dindcluster.runtime.docker;

import static dev.dindcluster.runtime.docker.DockerCalls.call;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.dindcluster.runtime.NotFoundFailure;
import dev.dindcluster.runtime.RuntimeFailure;
import dev.dindcluster.runtime.VolumeInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Named volumes: a node's /var lives in one, which is what makes a restore possible. */
final class DockerVolumes {
  private final DockerClient docker;

  DockerVolumes(DockerClient docker) {
    this.docker = docker;
  }

  void create(String name, Map<String, String> labels) {
    // The engine returns the existing volume for a taken name, which is what "if absent" wants.
    call("create volume", name, () -> docker.createVolumeCmd().withName(name).withLabels(labels).exec());
  }

  Optional<VolumeInfo> find(String name) {
    try {
      InspectVolumeResponse volume = call("inspect volume", name, () -> docker.inspectVolumeCmd(name).exec());
      return Optional.of(info(volume));
    } catch (NotFoundFailure e) {
      return Optional.empty();
    }
  }

  List<VolumeInfo> withLabel(String labelFilter) {
    List<InspectVolumeResponse> volumes = call("list volumes with label", labelFilter,
        () -> docker.listVolumesCmd().withFilter("label", List.of(labelFilter)).exec().getVolumes());
    return volumes == null ? List.of() : volumes.stream().map(DockerVolumes::info).collect(Collectors.toList());
  }

  boolean remove(String name) {
    try {
      docker.removeVolumeCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw new RuntimeFailure("remove volume '" + name + "': " + DockerCalls.describe(e), e);
    }
  }

  private static VolumeInfo info(InspectVolumeResponse volume) {
    return new VolumeInfo(volume.getName(), volume.getLabels() == null ? Map.of() : volume.getLabels());
  }
}
