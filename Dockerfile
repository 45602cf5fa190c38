# Outdial in a container: the HTTP API and the dialer (./outdial serve).
#
#   docker build -t outdial .
#   docker run --rm --network host --cap-add SYS_NICE \
#       -v "$PWD/outdial.yaml:/etc/outdial/outdial.yaml:ro" -v outdial-data:/var/lib/outdial outdial
#
# --network host: SIP and RTP advertise the address they bind (sip.bind-address) in SDP, and RTP
# uses a port per call leg from sip.media-ports; publishing 10,000 UDP ports through Docker's
# proxy is not practical. --cap-add SYS_NICE lets the media threads run at nice -20 (see
# docs/TELEPHONY.md, "Media thread priority"); without it they run at the default priority.
# Put storage.url on the volume, e.g. jdbc:h2:file:/var/lib/outdial/outdial, or use PostgreSQL.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY media/pom.xml media/
COPY sip-stack/pom.xml sip-stack/
COPY engine/pom.xml engine/
COPY api/pom.xml api/
COPY testbed/pom.xml testbed/
COPY media/src media/src
COPY sip-stack/src sip-stack/src
COPY engine/src engine/src
COPY api/src api/src
RUN ./mvnw -B -ntp -Dmaven.test.skip=true -pl api -am package

FROM eclipse-temurin:21-jre
# espeak-ng: text to speech for composite audio and POST /api/audio/tts.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends espeak-ng \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/outdial
COPY --from=build /src/api/target/outdial-api-0.1.0-SNAPSHOT.jar lib/
COPY --from=build /src/api/target/lib/ lib/
VOLUME /var/lib/outdial
EXPOSE 8080 5060/udp 5060/tcp
ENTRYPOINT ["java", "-XX:ThreadPriorityPolicy=1", "-XX:JavaPriority10_To_OSPriority=-20", \
            "-cp", "/opt/outdial/lib/*", "org.outdial.api.cli.OutdialCommand"]
CMD ["serve", "--config", "/etc/outdial/outdial.yaml"]
