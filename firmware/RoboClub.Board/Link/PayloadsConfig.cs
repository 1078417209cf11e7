namespace RoboClub.Board.Link
{
    /// <summary>
    /// <c>roboclub/{club}/{board}/config</c>, retained, QoS 1, published by the hub: a JSON object of at
    /// most <see cref="MaxBytes"/> bytes whose members belong to the runtime (the link only checks that it
    /// is an object and hands it over). An empty payload (retained message deleted) is delivered as an
    /// empty object.
    /// </summary>
    public static class ConfigPayload
    {
        public const int MaxBytes = 2048;

        public static JsonNode Decode(byte[] payload)
        {
            if (payload == null || payload.Length == 0)
            {
                return JsonNode.NewObject();
            }

            return PayloadFields.ParseObject(payload, MaxBytes, "config");
        }
    }
}
