# nats-server with JetStream from the suite's packages.
ARG BASE
FROM ${BASE}
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nats-server \
    && rm -rf /var/lib/apt/lists/*
EXPOSE 4222
CMD ["nats-server", "-js", "-sd", "/var/lib/nats", "-p", "4222"]
