package org.outdial.engine.robot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptWalkTest {

    /** Greeting, a menu (1: confirm, 2: operator, else after a retry: sorry), confirm wants #. */
    private static final RobotScript MENU = ScriptParser.parse("""
            {"jumpLimit": 1, "nodes": [
              {"id": 1, "title": "Greeting", "type": "PLAY", "audio": [{"silenceMillis": 100}], "next": 2},
              {"id": 2, "title": "Menu", "type": "ASK", "timeoutSeconds": 3, "retries": 1,
               "branches": {"1": 3, "2": 5}, "onInvalid": 6, "onTimeout": 7},
              {"id": 3, "title": "Confirm", "type": "ASK", "branches": {"#": 4}, "onInvalid": 8, "onTimeout": 8},
              {"id": 4, "title": "Done", "type": "END", "endNodeType": "END_SUCCESS"},
              {"id": 5, "title": "Operator", "type": "TRANSFER", "groupId": 9, "endNodeType": "BACKGROUND_DEFER"},
              {"id": 6, "title": "Sorry", "type": "END", "endNodeType": "END_FAIL"},
              {"id": 7, "title": "Silent", "type": "END", "endNodeType": "END_FAIL"},
              {"id": 8, "title": "Again", "type": "JUMP", "to": 3}
            ]}""");

    /**
     * A callee who does what {@code script} says: a digit, "-" for letting one wait time out, "X"
     * for hanging up at that point. Hands out each in order to whatever asks next.
     */
    private static final class ScriptedCallee implements RobotLine {
        private final Deque<Character> actions = new ArrayDeque<>();
        private final List<Duration> waits = new ArrayList<>();
        private final List<Integer> played = new ArrayList<>();
        private boolean ended;

        ScriptedCallee(String script) {
            script.chars().forEach(c -> actions.add((char) c));
        }

        @Override
        public Played play(int nodeId, boolean interruptible) {
            if (ended) {
                return new Played.Ended();
            }
            played.add(nodeId);
            return new Played.Done();
        }

        @Override
        public Optional<Character> nextDigit(Duration within) {
            waits.add(within);
            Character next = actions.poll();
            if (next == null || next == 'X') {
                ended = true;
                return Optional.empty();
            }
            return next == '-' ? Optional.empty() : Optional.of(next);
        }

        @Override
        public boolean ended() {
            return ended;
        }
    }

    @Test
    void digitsWalkTheMenuToASuccessfulEnd() throws Exception {
        ScriptedCallee callee = new ScriptedCallee("1#");
        ScriptWalk.Walked walked = ScriptWalk.walk(MENU, callee);
        assertEquals(EndReason.NORMAL, walked.reason());
        Secretary s = walked.secretary(12, 4);
        assertEquals(EndNodeType.END_SUCCESS, s.endNodeType());
        assertEquals(4, s.endNodeId());
        assertEquals("Done", s.endNodeTitle());
        assertEquals(List.of(new Secretary.Step(1, "Greeting", false, ""), new Secretary.Step(2, "Menu", false, "1"),
                new Secretary.Step(3, "Confirm", false, "#"), new Secretary.Step(4, "Done", false, "")), s.steps());
        assertEquals(List.of(1, 2, 3, 4), callee.played);
        assertEquals(Duration.ofSeconds(3), callee.waits.get(0), "the node's timeout");
        assertNull(walked.transferGroup());
    }

    @Test
    void silenceUsesTheRetryThenEndsAtTheTimeoutBranch() throws Exception {
        ScriptedCallee callee = new ScriptedCallee("--");
        Secretary s = ScriptWalk.walk(MENU, callee).secretary(12, 7);
        assertEquals(EndNodeType.END_FAIL, s.endNodeType());
        assertEquals(7, s.endNodeId());
        assertEquals(List.of(1, 2, 2, 7), callee.played, "the prompt is played again for the retry");
    }

    @Test
    void aWrongDigitAfterTheRetryEndsAtTheInvalidBranch() throws Exception {
        Secretary s = ScriptWalk.walk(MENU, new ScriptedCallee("-9")).secretary(12, 7);
        assertEquals(6, s.endNodeId());
        assertEquals("9", s.steps().get(1).digits());
    }

    @Test
    void aTimeoutThenAGoodDigitGoesOn() throws Exception {
        Secretary s = ScriptWalk.walk(MENU, new ScriptedCallee("-1#")).secretary(12, 7);
        assertEquals(EndNodeType.END_SUCCESS, s.endNodeType());
    }

    @Test
    void hangingUpMidScriptIsUserRejectAtTheNodeItHappenedIn() throws Exception {
        Secretary s = ScriptWalk.walk(MENU, new ScriptedCallee("1X")).secretary(12, 2);
        assertEquals(EndReason.USER_REJECT, s.endReason());
        assertEquals(EndNodeType.INTERMEDIATE, s.endNodeType());
        assertEquals(3, s.endNodeId());
    }

    @Test
    void theTransferNodeEndsTheWalkWithItsGroup() throws Exception {
        ScriptWalk.Walked walked = ScriptWalk.walk(MENU, new ScriptedCallee("2"));
        assertEquals(9L, walked.transferGroup());
        assertEquals(EndNodeType.BACKGROUND_DEFER, walked.secretary(1, 1).endNodeType());
    }

    @Test
    void jumpsPastTheLimitEndWithJumpLimitAndTheJumpedNodeIsMarked() throws Exception {
        // 1, then Confirm refused twice: the first jump (limit 1) goes back, the second is one too many.
        Secretary s = ScriptWalk.walk(MENU, new ScriptedCallee("1--")).secretary(12, 9);
        assertEquals(EndReason.JUMP_LIMIT, s.endReason());
        assertEquals(8, s.endNodeId());
        assertEquals(List.of(1, 2, 3, 8, 3, 8), s.steps().stream().map(Secretary.Step::nodeId).toList());
        assertEquals(true, s.steps().get(4).jumpToNode());
    }

    @Test
    void nodesPastTheLimitEndWithNodeLimit() throws Exception {
        RobotScript loop = ScriptParser.parse("""
                {"nodeLimit": 5, "nodes": [
                  {"id": 1, "type": "PLAY", "audio": [{"silenceMillis": 10}], "next": 2},
                  {"id": 2, "type": "PLAY", "audio": [{"silenceMillis": 10}], "next": 1}
                ]}""");
        Secretary s = ScriptWalk.walk(loop, new ScriptedCallee("")).secretary(3, 0);
        assertEquals(EndReason.NODE_LIMIT, s.endReason());
        assertEquals(5, s.steps().size());
        assertEquals(1, s.endNodeId());
    }
}
