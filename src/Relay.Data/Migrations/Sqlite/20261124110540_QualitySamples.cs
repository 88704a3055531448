using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Relay.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LossIn = table.Column<double>(type: "REAL", nullable: false),
                    LossOut = table.Column<double>(type: "REAL", nullable: false),
                    JitterMs = table.Column<double>(type: "REAL", nullable: false),
                    RttMs = table.Column<double>(type: "REAL", nullable: true),
                    BitrateIn = table.Column<double>(type: "REAL", nullable: false),
                    BitrateOut = table.Column<double>(type: "REAL", nullable: false)
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
