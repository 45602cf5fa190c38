package org.outdial.engine.robot;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One node of a robot script (docs/API.md, "Voice robot scripts"). Each has an id, a title (the
 * history's {@code actionTitle} / {@code endNodeTitle}) and the end-node type the history reports
 * when the robot stops there.
 */
public sealed interface RobotNode {

    int id();

    String title();

    EndNodeType endNodeType();

    /** Plays {@code audio}, then goes to {@code next}; without a next the robot ends here (NORMAL). */
    record Play(int id, String title, EndNodeType endNodeType, List<RobotAudio> audio, Integer next)
            implements RobotNode {
        public Play {
            audio = List.copyOf(audio);
        }
    }

    /**
     * Plays {@code prompt} and waits up to {@code timeout} for one DTMF digit. A digit with a branch
     * goes there; a digit without one, or no digit in time, tries again (the prompt replayed) up to
     * {@code retries} more times, then goes to {@code onInvalid} or {@code onTimeout} by what
     * happened last. With {@code interruptible}, a digit pressed during the prompt stops it.
     */
    record Ask(int id, String title, EndNodeType endNodeType, List<RobotAudio> prompt, Duration timeout, int retries,
               Map<Character, Integer> branches, int onInvalid, int onTimeout, boolean interruptible)
            implements RobotNode {
        public Ask {
            prompt = List.copyOf(prompt);
            branches = Map.copyOf(branches);
        }
    }

    /** Goes to {@code to}; each jump counts against the script's {@code jumpLimit} (JUMP_LIMIT). */
    record Jump(int id, String title, EndNodeType endNodeType, int to) implements RobotNode {
    }

    /** Ends the robot (NORMAL) and connects the callee to a free operator of group {@code groupId}. */
    record Transfer(int id, String title, EndNodeType endNodeType, long groupId) implements RobotNode {
    }

    /** Plays {@code audio} (possibly none), then ends the robot (NORMAL) and hangs up. */
    record End(int id, String title, EndNodeType endNodeType, List<RobotAudio> audio) implements RobotNode {
        public End {
            audio = List.copyOf(audio);
        }
    }
}
