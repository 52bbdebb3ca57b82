package serverlessshop.localcloud.contract;

import java.util.ArrayList;
import java.util.List;
import serverlessshop.localcloud.contract.ContractCheck.Verdict;

/**
 * What counts as a contract violation on the wire, in one place:
 * <ul>
 * <li>every answer to an operation of a contract conforms to it (status declared for the operation,
 * headers, media type, schema);</li>
 * <li>a request that breaks its contract is answered 4xx: anything else means the API accepted (or
 * failed on) what its contract refuses;</li>
 * <li>a path no contract holds, or a method its path does not have, is answered 404 or 405.</li>
 * </ul>
 */
public final class ContractPolicy {

    private ContractPolicy() {}

    /** The violations of one exchange: none when it is what the contracts allow. */
    public static List<String> violations(Verdict verdict, int status) {
        List<String> violations = new ArrayList<>();
        if (verdict.operationId() == null) {
            if (status != 404 && status != 405) {
                violations.add(String.join("; ", verdict.requestProblems()) + ", yet it was answered " + status
                        + " (not 404 or 405)");
            }
            return violations;
        }
        verdict.answerProblems().forEach(problem -> violations.add("answer: " + problem));
        if (!verdict.requestConforms() && (status < 400 || status > 499)) {
            violations.add("the request breaks the contract, yet it was answered " + status + " (not 4xx): "
                    + String.join("; ", verdict.requestProblems()));
        }
        return violations;
    }
}
