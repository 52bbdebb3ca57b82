package serverlessshop.support.problem;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Input the schema cannot rule out but the service must (the same product twice, say): answered
 * exactly like a schema violation, 400 {@code VALIDATION_FAILED} naming each field.
 */
public class ValidationFailed extends ProblemException {

    public ValidationFailed(List<FieldProblem> errors) {
        super(HttpStatus.BAD_REQUEST, Problems.validationFailed(errors));
    }
}
