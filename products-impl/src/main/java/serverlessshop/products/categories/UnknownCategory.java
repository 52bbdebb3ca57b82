package serverlessshop.products.categories;

import java.util.Map;
import java.util.SortedMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.FieldProblem;
import serverlessshop.support.problem.ProblemException;

/** A product put in categories that do not exist: well-formed, but nothing to link it to. */
class UnknownCategory extends ProblemException {

    /** {@code unknown}: each unknown id by its index in the request's {@code category_ids}. */
    UnknownCategory(SortedMap<Integer, String> unknown) {
        super(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "UNKNOWN_CATEGORY",
                unknown.size() == 1
                        ? "There is no category " + unknown.get(unknown.firstKey()) + "."
                        : "There are no categories " + String.join(", ", unknown.values()) + ".",
                Map.of(
                        "errors",
                        unknown.entrySet().stream()
                                .map(entry -> FieldProblem.body(
                                        "category_ids[" + entry.getKey() + "]",
                                        "is not a category: " + entry.getValue()))
                                .toList()),
                HttpHeaders.EMPTY);
    }
}
