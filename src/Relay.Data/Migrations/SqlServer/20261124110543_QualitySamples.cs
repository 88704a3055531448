using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Relay.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QualitySamples : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QualitySamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CallId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LossIn = table.Column<double>(type: "float", nullable: false),
                    LossOut = table.Column<double>(type: "float", nullable: false),
                    JitterMs = table.Column<double>(type: "float", nullable: false),
                    RttMs = table.Column<double>(type: "float", nullable: true),
                    BitrateIn = table.Column<double>(type: "float", nullable: false),
                    BitrateOut = table.Column<double>(type: "float", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualitySamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualitySamples_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QualitySamples_CallId_At",
                table: "QualitySamples",
                columns: new[] { "CallId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QualitySamples");
        }
    }
}
