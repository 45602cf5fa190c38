package org.outdial.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.testing.Await;
import org.slf4j.LoggerFactory;

class JainSipStackTest {

    private static int freePort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    private static long eventScanners() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("EventScannerThread") && t.isAlive()).count();
    }

    @Test
    void closingTheStackLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        long before = eventScanners();
        List<SipEvent> events = new ArrayList<>();
        JainSipStack stack = JainSipStack.start(new SipSettings("127.0.0.1", freePort()),
                new SipEventAdapter(events::add));
        assertEquals(before + 1, eventScanners(), "the RI starts one event scanner per provider");

        stack.close();
        Await.until("the event scanner gone", Duration.ofSeconds(2), JainSipStackTest::eventScanners, n -> n <= before);
        assertEquals(before, eventScanners());
    }

    @Test
    void aPortInUseIsReportedWithTheAddress() throws Exception {
        int port = freePort();
        try (JainSipStack first = JainSipStack.start(new SipSettings("127.0.0.1", port), new SipEventAdapter(e -> { }))) {
            var e = assertThrows(SipStackException.class, () -> JainSipStack.start(new SipSettings("127.0.0.1", port),
                    new SipEventAdapter(event -> { })));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertEquals(0, first.dialogCount());
            assertEquals(0, first.transactionCount());
        }
    }

    @Test
    void startingTheStackWarnsAboutNothingThoughOutdialHasNoTls() throws Exception {
        Logger stackLog = (Logger) LoggerFactory.getLogger("gov.nist");
        ListAppender<ILoggingEvent> recorded = new ListAppender<>();
        recorded.start();
        stackLog.addAppender(recorded);
        JainSipStack stack = JainSipStack.start(new SipSettings("127.0.0.1", freePort()), new SipEventAdapter(e -> { }));
        try {
            List<String> warnings = recorded.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
            assertEquals(List.of(), warnings, "the RI's start-up warnings");
        } finally {
            stack.close();
            stackLog.detachAppender(recorded);
        }
    }
}
