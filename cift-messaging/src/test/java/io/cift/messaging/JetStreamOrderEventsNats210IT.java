package io.cift.messaging;

import io.cift.core.testing.ServerImage;

/** The order-event suite on nats-server 2.10 from Debian 13 (trixie), in a container. */
class JetStreamOrderEventsNats210IT extends JetStreamOrderEventsIT {

    @Override
    protected ServerImage image() {
        return ServerImage.NATS_2_10;
    }
}
