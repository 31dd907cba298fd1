package community.linli.testkit.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports what its process looks like from inside: the variables asked for, JVM flags, class path, working directory. */
public final class EnvironmentHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> seen = new LinkedHashMap<>();
        Map<String, Object> variables = new LinkedHashMap<>();
        for (String name : (List<String>) event.get("variables")) {
            variables.put(name, System.getenv(name));
        }
        seen.put("variables", variables);
        seen.put("functionName", context.getFunctionName());
        seen.put("memoryLimitInMB", context.getMemoryLimitInMB());
        seen.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        seen.put("classPath", System.getProperty("java.class.path"));
        seen.put("workingDirectory", System.getProperty("user.dir"));
        seen.put("handlerLoader", getClass().getClassLoader().getClass().getName());
        return seen;
    }
}
