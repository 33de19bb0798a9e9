using Xunit.Abstractions;

namespace Lint.Tests.SchemaConformance;

/// <summary>
/// A test-suite case as a theory argument. It is serializable, so xunit discovers every case as its own test, and its
/// <see cref="ToString"/> is the whole id, so the display name carries the file, group and test descriptions untruncated
/// (xunit shortens plain string arguments to 50 characters).
/// </summary>
public sealed class SuiteCaseId : IXunitSerializable
{
    /// <summary>For the deserializer.</summary>
    public SuiteCaseId()
    {
    }

    public SuiteCaseId(string id) => Id = id;

    public string Id { get; private set; } = "";

    public void Deserialize(IXunitSerializationInfo info) => Id = info.GetValue<string>(nameof(Id));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Id), Id);

    public override string ToString() => Id;
}
