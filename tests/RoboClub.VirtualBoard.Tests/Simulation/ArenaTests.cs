using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.VirtualBoard.Tests.Simulation;

public sealed class ArenaTests
{
    public static TheoryData<string> BuiltIns() => [.. Arena.BuiltInNames];

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Every_built_in_arena_has_room_for_the_robot_and_round_trips_through_json(string name)
    {
        Arena arena = Arena.BuiltIn(name);
        Assert.Equal(name, arena.Name);
        _ = new SimulatedRobot(arena); // the robot fits at the start

        Arena again = Arena.FromJson(arena.ToJson(indented: true));
        Assert.Equal(arena.ToJson(), again.ToJson());
        Assert.Equal(arena.Start, again.Start);
        Assert.Equal(arena.Boxes, again.Boxes);
        Assert.Equal(arena.Walls, again.Walls);
        Assert.Equal(arena.Goal, again.Goal);
        Assert.Equal(arena.Line?.Points, again.Line?.Points);
    }

    [Fact]
    public void Built_in_names_are_case_insensitive_and_unknown_names_list_the_choices()
    {
        Assert.Equal("maze", Arena.BuiltIn(" MAZE ").Name);
        var e = Assert.Throws<ArenaFormatException>(() => Arena.BuiltIn("moon"));
        Assert.Contains("line-oval", e.Message);
    }

    [Fact]
    public void A_lesson_arena_loads_from_json_with_comments()
    {
        const string json = """
            {
              // a lesson's own arena
              "name": "parking",
              "width": 120, "height": 100,
              "start": { "x": 20, "y": 50, "headingDegrees": 0 },
              "boxes": [ { "x": 100, "y": 0, "width": 20, "height": 40 } ],
              "walls": [ { "x1": 60, "y1": 70, "x2": 100, "y2": 70 } ],
              "line": { "width": 2.5, "points": [ { "x": 10, "y": 10 }, { "x": 110, "y": 10 } ] },
              "goal": { "x": 90, "y": 45, "width": 25, "height": 20 },
            }
            """;
        Arena arena = Arena.FromJson(json);

        Assert.Equal("parking", arena.Name);
        Assert.Equal(120, arena.Width);
        Assert.Equal(new Box(100, 0, 20, 40), Assert.Single(arena.Boxes));
        Assert.Equal(new WallSegment(60, 70, 100, 70), Assert.Single(arena.Walls));
        Assert.False(arena.Line!.Closed);
        Assert.True(arena.IsOnLine(new Point2(50, 11)));
        Assert.False(arena.IsOnLine(new Point2(50, 12.5)));
        Assert.True(arena.IsInGoal(new Point2(100, 50)));
        Assert.Equal(60, arena.RayCast(new Point2(60, 50), 0), 6); // past the box (it ends at y 40) to the border
        Assert.Equal(40, arena.RayCast(new Point2(110, 80), 270), 6); // down onto the box's top
    }

    [Theory]
    [InlineData("""{ "width": 10, "height": 100 }""", "width must be between 20 and 1000")]
    [InlineData("""{ "width": 200 }""", "height is missing")]
    [InlineData("""{ "width": 200, "height": 100, "boxes": [ { "x": 190, "y": 10, "width": 20, "height": 5 } ] }""", "boxes[0]: the box from (190, 10) to (210, 15) is not inside the arena")]
    [InlineData("""{ "width": 200, "height": 100, "boxes": [ { "x": 10, "y": 10, "width": 0, "height": 5 } ] }""", "boxes[0]: width and height must be more than 0")]
    [InlineData("""{ "width": 200, "height": 100, "walls": [ { "x1": 10, "y1": 10, "x2": 10, "y2": 300 } ] }""", "walls[0] end: (10, 300) is outside the arena")]
    [InlineData("""{ "width": 200, "height": 100, "walls": [ { "x1": 10, "y1": 10, "y2": 30 } ] }""", "walls[0].x2 is missing")]
    [InlineData("""{ "width": 200, "height": 100, "line": { "points": [ { "x": 10, "y": 10 } ] } }""", "line: needs at least 2 points")]
    [InlineData("""{ "width": 200, "height": 100, "line": { "width": 30, "points": [ { "x": 10, "y": 10 }, { "x": 20, "y": 10 } ] } }""", "line: width must be")]
    [InlineData("""{ "width": 200, "height": 100, "start": { "x": -5, "y": 10 } }""", "start: (-5, 10) is outside the arena")]
    [InlineData("""{ "width": 200, "height": 100, "start": { "x": 50, "y": 50 }, "boxes": [ { "x": 40, "y": 40, "width": 20, "height": 20 } ] }""", "start: (50, 50) is inside boxes[0]")]
    [InlineData("""{ "width": 200, "height": 100, "goal": { "x": 180, "y": 10, "width": 40, "height": 10 } }""", "goal: the box")]
    [InlineData("""{ "width": 200, "height": 100, "wdith": 5 }""", "arena JSON is not valid")]
    [InlineData("""{ "width": "wide", "height": 100 }""", "at $.width")]
    [InlineData("""{ "width": 200, "height": 100, """, "arena JSON is not valid")]
    [InlineData("null", "arena JSON is empty")]
    public void Bad_arenas_are_rejected_with_a_clear_message(string json, string expected)
    {
        var e = Assert.Throws<ArenaFormatException>(() => Arena.FromJson(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Ray_casts_hit_borders_boxes_and_thin_walls()
    {
        Arena maze = Arena.BuiltIn("maze");
        Assert.Equal(25, maze.RayCast(new Point2(25, 25), 0), 6); // the wall at x = 50
        Assert.Equal(125, maze.RayCast(new Point2(25, 25), 90), 6); // the top border
        Assert.Equal(25 * Math.Sqrt(2), maze.RayCast(new Point2(25, 25), 225), 6); // the corner
        Assert.Equal(25, maze.Clearance(new Point2(25, 25)), 6);
    }
}
