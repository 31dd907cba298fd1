package community.linli.local;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.testkit.TemplateModules;
import org.junit.jupiter.api.Test;

/**
 * Each function's deployment zip, as the reactor packaged it before this module (this module
 * depends on every function), carries under lib/ exactly the table modules its policies in
 * template.yaml grant. TemplateModulesTest holds the poms to the template; this holds the zips.
 */
class FunctionZipsIT {

    @Test
    void everyFunctionZip_shipsExactlyTheTableModulesItsPoliciesGrant() {
        assertThat(TemplateModules.ofRepository().zipProblems()).as("lib/ of each function's zip against template.yaml").isEmpty();
    }
}
