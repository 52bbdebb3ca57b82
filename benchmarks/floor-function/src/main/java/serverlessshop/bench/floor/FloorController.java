package serverlessshop.bench.floor;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One GET endpoint with a path variable and a JSON body, as the shop's reads have. */
@RestController
class FloorController {

    record Item(String id, String name) {}

    @GetMapping("/items/{id}")
    Item item(@PathVariable String id) {
        return new Item(id, "floor");
    }
}
