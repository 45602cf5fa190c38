package org.outdial.engine.robot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a robot script on one answered call, top to bottom on the call's virtual thread: each node
 * is an action (play, ask, jump, transfer, end), each ask waits for the callee's next digit with a
 * timeout, and the walk ends at an END node, at a PLAY node with no next, at a TRANSFER node (the
 * dialer then connects an operator), when the callee hangs up, or at one of the script's bounds.
 * Never throws for anything the callee does; every wait is bounded by the script's timeouts.
 */
public final class ScriptWalk {

    /**
     * Where the walk ended and how.
     *
     * @param transferGroup the operator group to connect the callee to, or null
     */
    public record Walked(RobotNode endNode, EndReason reason, List<Secretary.Step> steps, Long transferGroup) {
        public Walked {
            steps = List.copyOf(steps);
        }

        public Secretary secretary(long robotId, int durationSeconds) {
            return new Secretary(robotId, durationSeconds, endNode.endNodeType(), reason, endNode.id(),
                    endNode.title(), steps);
        }
    }

    private final RobotScript script;
    private final RobotLine line;
    private final List<Secretary.Step> steps = new ArrayList<>();

    private ScriptWalk(RobotScript script, RobotLine line) {
        this.script = script;
        this.line = line;
    }

    public static Walked walk(RobotScript script, RobotLine line) throws InterruptedException {
        return new ScriptWalk(script, line).run();
    }

    private Walked run() throws InterruptedException {
        RobotNode node = script.node(script.start());
        boolean jumped = false;
        int jumps = 0;
        while (true) {
            StringBuilder digits = new StringBuilder();
            int at = steps.size();
            steps.add(step(node, jumped, digits));
            if (line.ended() && !(node instanceof RobotNode.End)) {
                return end(node, EndReason.USER_REJECT, null);
            }
            Integer next;
            switch (node) {
                case RobotNode.Play play -> {
                    RobotLine.Played played = line.play(play.id(), false);
                    if (!(played instanceof RobotLine.Played.Done || played instanceof RobotLine.Played.Digit)) {
                        return failed(node, played);
                    }
                    if (play.next() == null) {
                        return end(node, EndReason.NORMAL, null);
                    }
                    next = play.next();
                }
                case RobotNode.Ask ask -> {
                    Answer answer = ask(ask, digits);
                    steps.set(at, step(node, jumped, digits));
                    if (answer.ended != null) {
                        return failed(node, answer.ended);
                    }
                    next = answer.next;
                }
                case RobotNode.Jump jump -> {
                    if (jumps == script.jumpLimit()) {
                        return end(node, EndReason.JUMP_LIMIT, null);
                    }
                    jumps++;
                    next = jump.to();
                }
                case RobotNode.Transfer transfer -> {
                    return end(node, EndReason.NORMAL, transfer.groupId());
                }
                case RobotNode.End end -> {
                    // Reached: the robot ended NORMAL even if the callee leaves during the goodbye.
                    line.play(end.id(), false);
                    return end(node, EndReason.NORMAL, null);
                }
            }
            if (steps.size() == script.nodeLimit()) {
                return end(node, EndReason.NODE_LIMIT, null);
            }
            jumped = node instanceof RobotNode.Jump;
            node = script.node(next);
        }
    }

    /** Where an ASK goes: {@code next}, or {@code ended} when the call ended or media failed. */
    private record Answer(Integer next, RobotLine.Played ended) {
    }

    private Answer ask(RobotNode.Ask ask, StringBuilder digits) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            RobotLine.Played played = line.play(ask.id(), ask.interruptible());
            Optional<Character> digit;
            switch (played) {
                case RobotLine.Played.Done d -> digit = line.nextDigit(ask.timeout());
                case RobotLine.Played.Digit d -> digit = Optional.of(d.digit());
                default -> {
                    return new Answer(null, played);
                }
            }
            if (digit.isEmpty() && line.ended()) {
                return new Answer(null, new RobotLine.Played.Ended());
            }
            digit.ifPresent(digits::append);
            Integer branch = digit.map(ask.branches()::get).orElse(null);
            if (branch != null) {
                return new Answer(branch, null);
            }
            if (attempt == ask.retries()) {
                return new Answer(digit.isEmpty() ? ask.onTimeout() : ask.onInvalid(), null);
            }
        }
    }

    private Walked failed(RobotNode node, RobotLine.Played played) {
        return switch (played) {
            case RobotLine.Played.Failed f -> end(node, EndReason.FAIL, null);
            default -> end(node, line.ended() ? EndReason.USER_REJECT : EndReason.FAIL, null);
        };
    }

    private Walked end(RobotNode node, EndReason reason, Long group) {
        return new Walked(node, reason, steps, group);
    }

    private static Secretary.Step step(RobotNode node, boolean jumped, CharSequence digits) {
        return new Secretary.Step(node.id(), node.title(), jumped, digits.toString());
    }
}
