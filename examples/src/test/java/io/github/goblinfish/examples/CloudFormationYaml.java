package io.github.goblinfish.examples;

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
 * Loads a CloudFormation or SAM template with SnakeYAML, turning the short intrinsic function tags
 * ({@code !Ref Queue}, {@code !GetAtt Queue.Arn}, {@code !Sub ...}) into the long forms ({@code
 * {"Ref": "Queue"}}, {@code {"Fn::GetAtt": ["Queue", "Arn"]}}, ...) that the JSON schema describes.
 */
final class CloudFormationYaml {
  private static final Map<String, String> LONG_FORMS =
      Map.ofEntries(
          Map.entry("!Ref", "Ref"),
          Map.entry("!Condition", "Condition"),
          Map.entry("!Base64", "Fn::Base64"),
          Map.entry("!Cidr", "Fn::Cidr"),
          Map.entry("!FindInMap", "Fn::FindInMap"),
          Map.entry("!GetAtt", "Fn::GetAtt"),
          Map.entry("!GetAZs", "Fn::GetAZs"),
          Map.entry("!ImportValue", "Fn::ImportValue"),
          Map.entry("!Join", "Fn::Join"),
          Map.entry("!Length", "Fn::Length"),
          Map.entry("!Select", "Fn::Select"),
          Map.entry("!Split", "Fn::Split"),
          Map.entry("!Sub", "Fn::Sub"),
          Map.entry("!ToJsonString", "Fn::ToJsonString"),
          Map.entry("!Transform", "Fn::Transform"),
          Map.entry("!And", "Fn::And"),
          Map.entry("!Equals", "Fn::Equals"),
          Map.entry("!If", "Fn::If"),
          Map.entry("!Not", "Fn::Not"),
          Map.entry("!Or", "Fn::Or"));

  private CloudFormationYaml() {}

  /** Parses a template into maps, lists and scalars. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> load(String template) {
    Yaml yaml = new Yaml(new IntrinsicConstructor(new LoaderOptions()));
    return (Map<String, Object>) yaml.load(template);
  }

  private static final class IntrinsicConstructor extends SafeConstructor {
    IntrinsicConstructor(LoaderOptions options) {
      super(options);
      LONG_FORMS.forEach((tag, name) -> yamlConstructors.put(new Tag(tag), new Intrinsic(name)));
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String name;

      Intrinsic(String name) {
        this.name = name;
      }

      @Override
      public Object construct(Node node) {
        Object argument;
        if (node instanceof ScalarNode) {
          String text = constructScalar((ScalarNode) node);
          // The short form of GetAtt takes "Resource.Attribute"; the long form a two-item list.
          argument = name.equals("Fn::GetAtt") ? List.of(text.split("\\.", 2)) : text;
        } else if (node instanceof SequenceNode) {
          argument = constructSequence((SequenceNode) node);
        } else {
          argument = constructMapping((MappingNode) node);
        }
        return Map.of(name, argument);
      }
    }
  }
}
