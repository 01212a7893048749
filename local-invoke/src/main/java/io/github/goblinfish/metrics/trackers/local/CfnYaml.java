package io.github.goblinfish.metrics.trackers.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * SnakeYAML loader that understands CloudFormation's short-form intrinsic tags.
 *
 * <p>Each short tag becomes the single-entry map CloudFormation's long form would give ({@code !Ref
 * X} is {@code {"Ref": "X"}}, {@code !Sub s} is {@code {"Fn::Sub": "s"}}), so the rest of the
 * runner only ever sees the JSON shape of a template.
 */
final class CfnYaml {

  private static final List<String> FN_TAGS =
      List.of(
          "And",
          "Base64",
          "Cidr",
          "Equals",
          "FindInMap",
          "GetAtt",
          "GetAZs",
          "If",
          "ImportValue",
          "Join",
          "Length",
          "Not",
          "Or",
          "Select",
          "Split",
          "Sub",
          "ToJsonString",
          "Transform");

  private CfnYaml() {}

  static Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    // Templates are small; these bounds only guard against pathological input.
    options.setMaxAliasesForCollections(200);
    options.setCodePointLimit(8 * 1024 * 1024);
    return new Yaml(new Constructor(options));
  }

  private static final class Constructor extends SafeConstructor {
    Constructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
      for (String fn : FN_TAGS) {
        yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
      }
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String longName;

      Intrinsic(String longName) {
        this.longName = longName;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
          String text = constructScalar(scalar);
          // The long form of GetAtt is a list; the short form accepts "Resource.Attribute".
          if (longName.equals("Fn::GetAtt")) {
            int dot = text.indexOf('.');
            value =
                dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
          } else {
            value = text;
          }
        } else if (node instanceof SequenceNode sequence) {
          value = constructSequence(sequence);
        } else {
          value = constructMapping((MappingNode) node);
        }
        Map<String, Object> intrinsic = new LinkedHashMap<>();
        intrinsic.put(longName, value);
        return intrinsic;
      }
    }
  }
}
