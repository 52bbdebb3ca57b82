package serverlessshop.localcloud.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs checks one after the other and prints one line each as it ends: pass, fail (with the
 * request, the answer and what is wrong, contract problems included) or skip (with the reason).
 * Every answer a check receives is held to the contracts: an undeclared status, header or body
 * fails the check even when the check itself got what it expected.
 */
final class CheckRun {

    enum Outcome {
        PASS,
        FAIL,
        SKIP
    }

    /** How one check ended; {@code details} are the lines printed under a failure. */
    record Result(String name, Outcome outcome, String reason, List<String> details) {}

    /** A check's body: sends requests through the probe and states what it expects. */
    @FunctionalInterface
    interface Check {
        void run(Probe probe) throws Exception;
    }

    private final Deployment deployment;
    private final PrintStream out;
    private final List<Result> results = new ArrayList<>();

    CheckRun(Deployment deployment, PrintStream out) {
        this.deployment = deployment;
        this.out = out;
    }

    /** Runs one check; true when it passed. */
    boolean check(String name, Check check) {
        Probe probe = new Probe(deployment);
        try {
            check.run(probe);
            List<String> problems = probe.contractProblems();
            if (problems.isEmpty()) {
                return record(new Result(name, Outcome.PASS, probe.lastSummary(), List.of()));
            }
            return record(new Result(name, Outcome.FAIL, "an answer breaks the contract", problems));
        } catch (Skipped skipped) {
            return record(new Result(name, Outcome.SKIP, skipped.getMessage(), List.of()));
        } catch (Failed failed) {
            List<String> details = new ArrayList<>();
            if (failed.answer != null) {
                details.add(failed.answer.summary());
                String body = failed.answer.body().strip();
                if (!body.isEmpty()) {
                    details.add("body: " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
                }
            }
            details.addAll(probe.contractProblems());
            return record(new Result(name, Outcome.FAIL, failed.getMessage(), details));
        } catch (HttpTimeoutException e) {
            return record(new Result(name, Outcome.FAIL, probe.pending() + ": no answer in time", List.of()));
        } catch (IOException e) {
            return record(new Result(name, Outcome.FAIL, probe.pending() + ": no answer: " + e, List.of()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return record(new Result(name, Outcome.FAIL, "interrupted", List.of()));
        } catch (Exception e) {
            return record(new Result(name, Outcome.FAIL, "the check itself broke: " + e, List.of()));
        }
    }

    void skip(String name, String reason) {
        record(new Result(name, Outcome.SKIP, reason, List.of()));
    }

    private boolean record(Result result) {
        results.add(result);
        String mark = switch (result.outcome()) {
            case PASS -> "pass";
            case FAIL -> "FAIL";
            case SKIP -> "skip";
        };
        out.printf("  %s  %s%s%n", mark, result.name(), result.reason() == null ? "" : ": " + result.reason());
        result.details().forEach(line -> out.println("          " + line));
        out.flush();
        return result.outcome() == Outcome.PASS;
    }

    List<Result> results() {
        return List.copyOf(results);
    }

    long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** What a check uses to talk to the deployment and to state what it expects. */
    static final class Probe {

        private final Deployment deployment;
        private final List<Answer> answers = new ArrayList<>();
        private Call pending;
        private String note;

        private Probe(Deployment deployment) {
            this.deployment = deployment;
        }

        Answer send(Call call) throws IOException, InterruptedException {
            pending = call;
            Answer answer = deployment.send(call);
            answers.add(answer);
            return answer;
        }

        /** Sends the call and fails the check unless the answer has this status. */
        Answer expect(Call call, int status) throws IOException, InterruptedException {
            Answer answer = send(call);
            if (answer.status() != status) {
                throw new Failed("expected " + status + ", got " + answer.status(), answer);
            }
            return answer;
        }

        /** Fails the check, showing this answer, unless the condition holds. */
        void require(boolean condition, String otherwise, Answer answer) {
            if (!condition) {
                throw new Failed(otherwise, answer);
            }
        }

        /** What the pass line says instead of the last request and its answer. */
        void note(String text) {
            note = text;
        }

        /** Ends the check as skipped: what it needs is not there. */
        void skip(String reason) {
            throw new Skipped(reason);
        }

        private String pending() {
            return pending == null ? "before any request" : pending.toString();
        }

        private String lastSummary() {
            if (note != null) {
                return note;
            }
            return answers.isEmpty() ? null : answers.getLast().summary();
        }

        /**
         * Each answer that breaks its contract, and each request that does without meaning to (then
         * the check itself, or the contract, has changed).
         */
        private List<String> contractProblems() {
            List<String> problems = new ArrayList<>();
            for (Answer answer : answers) {
                if (answer.call().outsideContracts()) {
                    continue;
                }
                var verdict = answer.verdict();
                String where = verdict.contract() == null
                        ? "no contract"
                        : verdict.contract() + " "
                                + (verdict.operationId() == null ? "(no such operation)" : verdict.operationId());
                if (!verdict.answerConforms()) {
                    problems.add(answer.summary() + " breaks " + where + ":");
                    verdict.answerProblems().forEach(problem -> problems.add("  " + problem));
                }
                if (!answer.call().breaksContract() && !verdict.requestConforms()) {
                    problems.add(answer.call() + " is not a request " + where + " accepts:");
                    verdict.requestProblems().forEach(problem -> problems.add("  " + problem));
                }
            }
            return problems;
        }
    }

    static final class Failed extends RuntimeException {
        private final transient Answer answer;

        Failed(String message, Answer answer) {
            super(message);
            this.answer = answer;
        }
    }

    static final class Skipped extends RuntimeException {
        Skipped(String reason) {
            super(reason);
        }
    }
}
