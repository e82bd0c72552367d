using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceLab.Training.Export;

/// <summary>A tensor of the graph being written: the name of a graph input, an initializer or a node output.</summary>
internal readonly record struct OnnxValue(string Name);

/// <summary>
/// Writes an ONNX graph (opset <see cref="Opset"/>) op by op from TorchSharp layers: each layer's
/// <c>Export</c> calls these ops in the order of its <c>forward</c>, and the weights are copied
/// from its modules. With half-precision weights every weight is stored as float16 and cast back
/// to float in the graph, so inputs, outputs and arithmetic stay float32 and any ONNX Runtime
/// provider runs the file (the casts are folded when a session loads it).
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The ONNX operator set the graph uses; 12 is what DeepFaceLive's models use.</summary>
    public const int Opset = 12;

    private readonly GraphProto _graph = new();
    private readonly bool _halfWeights;
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public OnnxGraph(string name, bool halfWeights)
    {
        _graph.Name = name;
        _halfWeights = halfWeights;
    }

    /// <summary>The graph written so far (inputs, nodes, initializers, outputs).</summary>
    public GraphProto Proto => _graph;

    /// <summary>A float input; a null dimension is the symbolic batch size <c>N</c>.</summary>
    public OnnxValue Input(string name, params long?[] shape)
    {
        _graph.Input.Add(ValueInfo(name, shape));
        return new OnnxValue(name);
    }

    /// <summary>Makes <paramref name="value"/> a graph output called <paramref name="name"/>; outputs keep the order of these calls.</summary>
    public void Output(OnnxValue value, string name, params long?[] shape)
    {
        Node("Identity", [value], [], name);
        _graph.Output.Add(ValueInfo(name, shape));
    }

    /// <summary>Conv with the module's weights, strides, zero padding, dilation and groups.</summary>
    public OnnxValue Conv(Conv2d conv, OnnxValue input)
    {
        if (conv.transposed || conv.padding_mode != PaddingModes.Zeros)
            throw new NotSupportedException("only plain convolutions with zero padding are written to ONNX");
        var padding = conv.padding_type switch
        {
            null => conv.padding ?? [0, 0],
            Padding.Valid => [0, 0],
            _ => throw new NotSupportedException("'same' padding is not written to ONNX; give the padding explicitly"),
        };
        List<OnnxValue> inputs = [Weight(conv.weight!, "conv.weight")];
        if (conv.bias is { } bias) inputs.Add(Weight(bias, "conv.bias"));
        return Node("Conv", [input, .. inputs],
        [
            Ints("strides", conv.stride),
            Ints("pads", [padding[0], padding[1], padding[0], padding[1]]),
            Ints("dilations", conv.dilation),
            Ints("kernel_shape", conv.kernel_size),
            Int("group", conv.groups),
        ]);
    }

    /// <summary>A dense layer on a 2-D input: Gemm with the weight transposed, as torch stores it (out × in).</summary>
    public OnnxValue Linear(Linear linear, OnnxValue input)
    {
        List<OnnxValue> inputs = [input, Weight(linear.weight!, "dense.weight")];
        if (linear.bias is { } bias) inputs.Add(Weight(bias, "dense.bias"));
        return Node("Gemm", [.. inputs], [Int("transB", 1)]);
    }

    public OnnxValue LeakyRelu(OnnxValue input, double slope) => Node("LeakyRelu", [input], [Float("alpha", slope)]);

    public OnnxValue Sigmoid(OnnxValue input) => Node("Sigmoid", [input], []);

    /// <summary>Torch's pixel shuffle: channel-major depth-to-space (mode CRD).</summary>
    public OnnxValue PixelShuffle(OnnxValue input, int factor) =>
        Node("DepthToSpace", [input], [Int("blocksize", factor), Text("mode", "CRD")]);

    public OnnxValue Concat(int axis, params OnnxValue[] inputs) => Node("Concat", inputs, [Int("axis", axis)]);

    /// <summary>Torch's <c>flatten(1)</c>: one row per sample.</summary>
    public OnnxValue Flatten(OnnxValue input) => Node("Flatten", [input], [Int("axis", 1)]);

    /// <summary>Torch's <c>view</c>: <paramref name="shape"/> may hold one −1.</summary>
    public OnnxValue Reshape(OnnxValue input, params long[] shape) => Node("Reshape", [input, Int64Constant(shape)], []);

    public OnnxValue Transpose(OnnxValue input, params long[] permutation) => Node("Transpose", [input], [Ints("perm", permutation)]);

    public OnnxValue Mul(OnnxValue left, OnnxValue right) => Node("Mul", [left, right], []);

    public OnnxValue Div(OnnxValue left, OnnxValue right) => Node("Div", [left, right], []);

    public OnnxValue Add(OnnxValue left, float constant) => Node("Add", [left, FloatConstant(constant)], []);

    /// <summary>Element-wise sum of two tensors of the same shape (a residual connection).</summary>
    public OnnxValue Add(OnnxValue left, OnnxValue right) => Node("Add", [left, right], []);

    /// <summary>
    /// A layer written into the graph: an <see cref="IOnnxLayer"/> itself, a <see cref="Sequential"/>
    /// as its children in order (each one an <see cref="IOnnxLayer"/>).
    /// </summary>
    public OnnxValue Layer(nn.Module<Tensor, Tensor> layer, OnnxValue input) => layer switch
    {
        IOnnxLayer exported => exported.Export(this, input),
        Sequential sequence => sequence.children().Aggregate(input, (value, child) => Layer((nn.Module<Tensor, Tensor>)child, value)),
        _ => throw new NotSupportedException($"{layer.GetType().Name} does not write itself to ONNX"),
    };

    /// <summary>
    /// Bilinear enlargement of an N×C×H×W value by <paramref name="factor"/> (exact in float, such as
    /// 1.25 or 4), with half-pixel centres: torch's <c>interpolate(mode: bilinear, align_corners: false)</c>.
    /// </summary>
    public OnnxValue UpscaleBilinear(OnnxValue input, float factor)
    {
        var roi = Initializer(UniqueName("roi"), [0], TensorProto.Types.DataType.Float, []);
        float[] scales = [1, 1, factor, factor];
        var scaleValue = Initializer(UniqueName("scales"), [4], TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()));
        return Node("Resize", [input, roi, scaleValue], [Text("mode", "linear"), Text("coordinate_transformation_mode", "half_pixel")]);
    }

    public OnnxValue Sqrt(OnnxValue input) => Node("Sqrt", [input], []);

    /// <summary>Mean over <paramref name="axes"/>, keeping them as size 1.</summary>
    public OnnxValue ReduceMean(OnnxValue input, params long[] axes) => Node("ReduceMean", [input], [Ints("axes", axes), Int("keepdims", 1)]);

    /// <summary>A weight as an initializer (float32, or float16 cast back to float).</summary>
    private OnnxValue Weight(Tensor weight, string kind)
    {
        using var cpu = weight.detach().to(CPU).contiguous();
        var name = UniqueName(kind);
        if (!_halfWeights) return Initializer(name, cpu.shape, TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()));
        using var half = cpu.to_type(ScalarType.Float16);
        var stored = Initializer(name + ".fp16", cpu.shape, TensorProto.Types.DataType.Float16, MemoryMarshal.AsBytes(half.data<Half>().ToArray().AsSpan()));
        return Node("Cast", [stored], [Int("to", (long)TensorProto.Types.DataType.Float)]);
    }

    private OnnxValue Int64Constant(long[] values) =>
        Initializer(UniqueName("shape"), [values.Length], TensorProto.Types.DataType.Int64, MemoryMarshal.AsBytes(values.AsSpan()));

    private OnnxValue FloatConstant(float value) =>
        Initializer(UniqueName("constant"), [], TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(new[] { value }.AsSpan()));

    private OnnxValue Initializer(string name, long[] shape, TensorProto.Types.DataType type, ReadOnlySpan<byte> littleEndian)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian");
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(littleEndian) };
        tensor.Dims.AddRange(shape);
        _graph.Initializer.Add(tensor);
        return new OnnxValue(name);
    }

    private OnnxValue Node(string op, OnnxValue[] inputs, AttributeProto[] attributes, string? output = null)
    {
        var name = UniqueName(op);
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs.Select(i => i.Name));
        node.Output.Add(output ?? name);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return new OnnxValue(output ?? name);
    }

    private string UniqueName(string kind)
    {
        var n = _counts.GetValueOrDefault(kind);
        _counts[kind] = n + 1;
        return $"{kind}_{n}";
    }

    private static ValueInfoProto ValueInfo(string name, long?[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var d in shape)
            tensorShape.Dim.Add(d is { } size ? new TensorShapeProto.Types.Dimension { DimValue = size } : new TensorShapeProto.Types.Dimension { DimParam = "N" });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape } },
        };
    }

    private static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Float(string name, double value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    private static AttributeProto Text(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private static AttributeProto Ints(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
