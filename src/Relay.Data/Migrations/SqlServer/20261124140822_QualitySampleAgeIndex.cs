using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Relay.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QualitySampleAgeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_QualitySamples_At",
                table: "QualitySamples",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QualitySamples_At",
                table: "QualitySamples");
        }
    }
}
