package io.cift.core.testing;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every image of the version matrix starts from the images built here, without a registry, answers on its
 * port, and publishes that port on the host's loopback only.
 */
class ContainersIT {

    @Test
    void everyImageStartsAndPublishesItsPortOnLoopbackOnly() throws Exception {
        Containers.require();
        List<String> seen = new ArrayList<>();
        for (ServerImage image : ServerImage.values()) {
            try (Containers.Server s = Containers.start(image)) {
                try (Socket socket = new Socket(s.host(), s.port())) {
                    assertThat(socket.isConnected()).as("%s answers", s).isTrue();
                }
                var bindings = DockerClientFactory.instance().client()
                        .inspectContainerCmd(containerId(s)).exec().getNetworkSettings().getPorts().getBindings();
                List<String> hostIps = new ArrayList<>();
                bindings.values().forEach(bs -> {
                    if (bs != null) {   // an exposed port that is not published has none
                        for (var b : bs) {
                            hostIps.add(b.getHostIp());
                        }
                    }
                });
                assertThat(hostIps).as("%s publishes on", image).isNotEmpty().allMatch(ip -> ip.equals("127.0.0.1"));
                seen.add(image.image);
            }
        }
        assertThat(seen).hasSize(ServerImage.values().length);
    }

    private static String containerId(Containers.Server s) {
        return s.containerId();
    }
}
